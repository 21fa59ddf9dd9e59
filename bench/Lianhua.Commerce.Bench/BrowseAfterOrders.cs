using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Retention;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// `browse [orders=2000]`: storage requests of a county-wide listing browse (first page, and every page) before any order,
/// after that many delivered orders, and after the hourly clean-up of closed orders. Same-station orders (placed, routed,
/// picked up) keep the run short: each leaves a reservation and a claim in its listing's township, as any order does.
/// </summary>
static class BrowseAfterOrders
{
    public static async Task RunAsync(string storage, int orders)
    {
        var countyKey = "bench-" + Guid.NewGuid().ToString("N");
        var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
        var app = await LocalHostApp.CreateAsync([], new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage, ["Commerce:CountyApiKey"] = countyKey, ["Commerce:StoragePrefix"] = prefix,
            ["urls"] = "http://127.0.0.1:0", ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        var baseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var network = JsonNode.Parse(await Send(http, countyKey, HttpMethod.Get, "network", null))!;
        var stations = network["stations"]!.AsArray().GroupBy(s => s!["townshipCode"]!.GetValue<string>()).Select(t => t.First()!["id"]!.GetValue<string>()).Take(16).ToList();
        var keys = await Task.WhenAll(stations.Select(async s => JsonNode.Parse(await Send(http, countyKey, HttpMethod.Post, "keys", new { role = "station", scopeId = s }))!["key"]!.GetValue<string>()));
        var listings = await Task.WhenAll(keys.Select(async k => JsonNode.Parse(await Send(http, k, HttpMethod.Post, "listings", new
        {
            title = "莲花白莲 500g", category = "lotus-seed", unit = "bag", unitWeightGrams = 500, priceFen = 4550, stock = 1_000_000, producers = Array.Empty<object>(),
        }))!["id"]!.GetValue<string>()));
        var browse = new Browse(storage, prefix);
        var before = await browse.CountAsync();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, stations.Count).Select(async i =>
        {
            for (var n = i; n < orders; n += stations.Count) await DeliverAsync(http, keys[i], stations[i], listings[i]);
        }));
        Console.WriteLine($"{orders} orders placed, routed and picked up in {clock.Elapsed.TotalSeconds:F0} s");
        var delivered = await browse.CountAsync();
        clock.Restart();
        await app.Services.GetRequiredService<ClosedOrders>().RunAsync(default);
        Console.WriteLine($"clean-up of closed orders: {clock.Elapsed.TotalSeconds:F1} s");
        var cleaned = await browse.CountAsync();
        Console.WriteLine("| county-wide browse (16 listings) | first page: requests | whole browse: requests | rows after the listings in Listings |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, c) in new[] { ("before the first order", before), ($"after {orders} delivered orders, before the hourly clean-up", delivered), ("after the clean-up", cleaned) })
            Console.WriteLine($"| {name} | {c.FirstPage} | {c.All} | {c.Leftovers} |");
        await app.StopAsync();
    }

    private static async Task DeliverAsync(HttpClient http, string key, string station, string listing)
    {
        var order = JsonNode.Parse(await Send(http, key, HttpMethod.Post, "orders", new
        {
            lines = new[] { new { listingId = listing, quantity = 1 } }, recipient = new { name = "王芳", phone = "13907990000" }, paymentMethod = "cod",
        }, Guid.NewGuid().ToString("N")))!;
        var id = order["id"]!.GetValue<string>();
        JsonNode tracking;
        while ((tracking = JsonNode.Parse(await Send(http, key, HttpMethod.Get, $"orders/{id}/tracking", null))!)["shipments"]!.AsArray().Count == 0) await Task.Delay(200);
        await Send(http, key, HttpMethod.Post, $"shipments/{tracking["shipments"]![0]!["id"]}/scans",
            new { @event = "pickup", nodeId = station, pickupCode = order["pickupCode"]!.GetValue<string>() }, Guid.NewGuid().ToString("N"));
    }

    private sealed class Browse(string connection, string prefix)
    {
        public async Task<(long FirstPage, long All, long Leftovers)> CountAsync()
        {
            var counter = new RequestCounter();
            var storage = new CommerceStorage(new StorageOptions { ConnectionString = connection, Prefix = prefix }, [counter]);
            var store = new ListingStore(storage, new EntityCache<ListingEntity>(e => e.Copy()));
            var page = await store.QueryAsync("360321", null, null, null, 50, null, default);
            var first = counter.Count;
            while (page.ContinuationToken is not null) page = await store.QueryAsync("360321", null, null, null, 50, page.ContinuationToken, default);
            var all = counter.Count;
            long leftovers = 0;
            await foreach (var _ in storage.Table(TableNames.Listings).QueryAsync<Azure.Data.Tables.TableEntity>("RowKey ge '~'", select: ["RowKey"])) leftovers++;
            return (first, all, leftovers);
        }
    }

    private static async Task<string> Send(HttpClient http, string key, HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }
}
