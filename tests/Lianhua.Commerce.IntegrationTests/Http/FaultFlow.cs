using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Shared steps of the fault and race tests: a seller, a buyer and a listing; an order placed and routed; the loads of the
/// runs its legs are on; matchers of the storage requests a fault is injected into.
/// </summary>
public sealed class FaultFlow(LocalHostFixture host, string sellerStation = TestData.StationA, string buyerStation = TestData.StationB)
{
    public const long UnitWeightGrams = 500;
    private readonly NetworkNodes _nodes = new(host);

    public string Buyer => buyerStation;

    public Task<Api> KeyOf(string nodeId) => _nodes.KeyOf(nodeId);

    public async Task<string> Listing(long stock) =>
        await TestData.NewListingId(await KeyOf(sellerStation), Bodies.Listing(stock: stock));

    public async Task<JsonNode> Place(string listingId, long quantity)
    {
        var placed = await (await KeyOf(buyerStation)).Post("orders", Bodies.Order((listingId, quantity)), Headers.Idempotency());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        return placed.Json;
    }

    public async Task<long> Stock(string listingId) => (await (await KeyOf(buyerStation)).Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>();

    public async Task<JsonNode> Order(string orderId) => (await (await KeyOf(buyerStation)).Get($"orders/{orderId}")).Json;

    public async Task<JsonNode> Tracking(string orderId) => (await (await KeyOf(buyerStation)).Get($"orders/{orderId}/tracking")).Json;

    /// <summary>The tracking of the order once routing stored its shipments.</summary>
    public async Task<JsonNode> Routed(string orderId)
    {
        JsonNode tracking = null!;
        await Eventually.True(async () => (tracking = await Tracking(orderId))["shipments"]!.AsArray().Count > 0, 30, "the order was never routed");
        return tracking;
    }

    public async Task<ApiResponse> Cancel(string orderId, Dictionary<string, string> key) =>
        await (await KeyOf(buyerStation)).Post($"orders/{orderId}/cancel", new { reason = "不要了" }, key);

    /// <summary>Every leg of the tracking's shipments: its run's id, load and whether the run lists the shipment.</summary>
    public async Task<IReadOnlyList<(string RunId, long Load, bool Listed)>> Legs(JsonNode tracking)
    {
        var result = new List<(string, long, bool)>();
        foreach (var shipment in tracking["shipments"]!.AsArray())
        foreach (var leg in shipment!["legs"]!.AsArray())
        {
            var runs = await host.County().Get($"runs?nodeId={leg!["from"]}&date={leg["date"]}");
            var run = runs.Json["items"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == leg["runId"]!.GetValue<string>())!;
            result.Add((run["id"]!.GetValue<string>(), run["loadGrams"]!.GetValue<long>(),
                run["shipmentIds"]!.AsArray().Any(s => s!.GetValue<string>() == shipment["id"]!.GetValue<string>())));
        }
        return result;
    }

    /// <summary>The loads of the runs of a tracking's legs, once they are <paramref name="expected"/> (or fails).</summary>
    public async Task RunsAre(JsonNode tracking, IReadOnlyList<long> expected, bool listed, string because)
    {
        IReadOnlyList<(string RunId, long Load, bool Listed)> legs = [];
        await Eventually.True(async () =>
        {
            legs = await Legs(tracking);
            return legs.Select(l => l.Load).SequenceEqual(expected) && legs.All(l => l.Listed == listed);
        }, 30, $"{because} (expected loads {string.Join(", ", expected)}, listed: {listed})");
    }

    /// <summary>
    /// Straight from the Runs table: every run's load is the sum of its bookings, and each of the shipment's legs is booked
    /// exactly once (one booking and one leg marker per leg).
    /// </summary>
    public async Task AssertRunsHold(string shipmentId, int legs)
    {
        var rows = await host.Storage.Table("Runs").QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
        var bookings = rows.Where(r => r.RowKey.Contains('~') && !r.RowKey.StartsWith("leg~")).ToList();
        foreach (var run in rows.Where(r => !r.RowKey.Contains('~')))
            Assert.Equal(run.GetInt64("LoadGrams"), bookings.Where(b => b.PartitionKey == run.PartitionKey && b.RowKey.StartsWith(run.RowKey + "~"))
                .Sum(b => b.GetInt64("WeightGrams") ?? 0));
        Assert.Equal(legs, bookings.Count(b => b.RowKey.EndsWith("~" + shipmentId)));
        Assert.Equal(legs, rows.Count(r => r.RowKey == "leg~" + shipmentId));
    }

    // Storage requests, by the table or queue they go to (tables and queues carry the test class's prefix).
    public static Func<HttpMessage, bool> Batch(string table) => m =>
        m.Request.Method == RequestMethod.Post && m.Request.Uri.Path.EndsWith("/$batch") && Body(m).Contains(table);

    public static Func<HttpMessage, bool> Send(string queue) => m =>
        m.Request.Method == RequestMethod.Post && m.Request.Uri.Path.EndsWith($"/{queue}/messages");

    /// <summary>
    /// Makes every If-Match of a batch name a version the entity never had: the transaction fails with 412, exactly as when
    /// another writer changed the entity first (contention, without a second writer).
    /// </summary>
    public static void StaleIfMatch(HttpMessage m)
    {
        var body = System.Text.RegularExpressions.Regex.Replace(Body(m), "If-Match: W/\"[^\"]+\"",
            "If-Match: W/\"datetime'2001-01-01T00%3A00%3A00.0000000Z'\"");
        m.Request.Content = RequestContent.Create(System.Text.Encoding.UTF8.GetBytes(body));
    }

    public static string Body(HttpMessage m)
    {
        using var buffer = new MemoryStream();
        m.Request.Content?.WriteTo(buffer, default);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
