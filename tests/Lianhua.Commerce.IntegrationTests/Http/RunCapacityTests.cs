using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>A network of its own (own storage prefix) with a 3 kg link, so runs fill up.</summary>
public sealed class RunCapacityTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Origin = "st-360321101-05";

    [Fact]
    public async Task TwoOrdersRacingForTheLastCapacity_OneSpillsToTheNextDaysRun()
    {
        var network = (await host.County().Get("network")).Json;
        network["links"]!.AsArray().First(l => l!["from"]!.GetValue<string>() == Origin)!["capacityGrams"] = 3000;
        Assert.Equal(HttpStatusCode.OK, (await host.County().Put("network", network)).Status);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var seller = await Keys.Of(host, Origin);
        var buyers = await Task.WhenAll(new[] { TestData.StationB, "st-360321205-03" }.Select(b => Keys.Of(host, b)));
        var listing = await TestData.NewListingId(seller, Bodies.Listing("高洲大米 2斤", priceFen: 1800, stock: 100, category: "rice", unitWeightGrams: 1000));
        var orders = await Task.WhenAll(buyers.Select(b => b.Post("orders", Bodies.Order((listing, 2)) with { PaymentMethod = "prepaid" }, Headers.Idempotency())));
        Assert.All(orders, o => Assert.True(o.Status == HttpStatusCode.Created, o.ToString()));

        var firstLegDates = new List<string>();
        var shipmentIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            JsonNode? leg = null;
            await Eventually.True(async () =>
            {
                var t = await buyers[i].Get($"orders/{orders[i].Json["id"]}/tracking");
                leg = t.Json["shipments"]!.AsArray().FirstOrDefault()?["legs"]![0];
                if (leg is not null) shipmentIds.Add(t.Json["shipments"]![0]!["id"]!.GetValue<string>());
                return leg is not null;
            }, 30);
            firstLegDates.Add(leg!["date"]!.GetValue<string>());
        }
        var days = firstLegDates.Order().ToList();
        Assert.Equal(DateOnly.Parse(days[0]).AddDays(1), DateOnly.Parse(days[1]));

        foreach (var day in days)
        {
            var runs = await seller.Get($"runs?nodeId={Origin}&date={day}");
            var run = runs.Json["items"]!.AsArray().Single(r => r!["from"]!.GetValue<string>() == Origin)!;
            Assert.Equal(3000, run["capacityGrams"]!.GetValue<long>());
            Assert.Equal(2000, run["loadGrams"]!.GetValue<long>());
            Assert.Single(run["shipmentIds"]!.AsArray());
        }

        // The first day frees up (its order is cancelled). Booking the later shipment's leg again, as a replayed routing
        // would, finds the run it is on instead of booking it a second time on the freed day.
        var early = firstLegDates.IndexOf(days[0]);
        var late = 1 - early;
        Assert.Equal(HttpStatusCode.OK, (await buyers[early].Post($"orders/{orders[early].Json["id"]}/cancel", new { reason = "改天再买" },
            Headers.Idempotency())).Status);
        var store = host.App.Services.GetRequiredService<RunStore>();
        var again = await store.BookAsync(shipmentIds[late], new Leg(1, Origin, "hub-360321101", 3000), 2000, DateOnly.Parse(days[0]), DateOnly.Parse(days[0]).AddDays(29), default);
        Assert.Equal(DateOnly.Parse(days[1]), again.Date);
        var freed = (await seller.Get($"runs?nodeId={Origin}&date={days[0]}")).Json["items"]!.AsArray().Single(r => r!["from"]!.GetValue<string>() == Origin)!;
        Assert.Equal(0, freed["loadGrams"]!.GetValue<long>());
        Assert.Empty(freed["shipmentIds"]!.AsArray());
    }

    /// <summary>Another instance changes a run behind this instance's cached copy (a direct table write stands in for it).</summary>
    private async Task SetLoadBehindTheCache(RunKey key, long loadGrams)
    {
        var table = host.Storage.Table(Lianhua.Commerce.Core.Storage.TableNames.Runs);
        var run = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(key.From, RunEntity.Row(key))).Value;
        run["LoadGrams"] = loadGrams;
        await table.UpdateEntityAsync(run, run.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
    }

    [Fact]
    public async Task Booking_FromAStaleCachedRun_UsesTheStoredLoad_BothWays()
    {
        var store = host.App.Services.GetRequiredService<RunStore>();
        var leg = new Leg(1, "st-cache-" + Guid.NewGuid().ToString("N")[..8], "hub-360321101", 3000);
        var day = BusinessDay.Of(DateTimeOffset.UtcNow);
        var first = await store.BookAsync("s-1", leg, 1000, day, day.AddDays(29), default); // this instance now holds the run: 1000 of 3000
        Assert.Equal(day, first.Date);

        await SetLoadBehindTheCache(first, 3000); // filled elsewhere: the copy's "room" is stale
        Assert.Equal(day.AddDays(1), (await store.BookAsync("s-2", leg, 1000, day, day.AddDays(29), default)).Date);

        await SetLoadBehindTheCache(first, 0); // freed elsewhere: the copy's "full" is stale, and full is never concluded from a copy
        Assert.Equal(day, (await store.BookAsync("s-3", leg, 1000, day, day.AddDays(29), default)).Date);
    }

    [Fact]
    public async Task ParallelBookingsOnOneRun_InOneInstance_TakeTurns_AndNoTransactionFails()
    {
        var counter = new Lianhua.Commerce.Core.Storage.RequestCounter();
        var storage = new Lianhua.Commerce.Core.Storage.CommerceStorage(
            new Lianhua.Commerce.Core.Storage.StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = host.Prefix }, [counter]);
        var store = new RunStore(storage, new Lianhua.Commerce.Core.Storage.EntityCache<RunEntity>(r => r.Copy()),
            Lianhua.Commerce.Core.Storage.Contention.Pipeline(TimeProvider.System),
            new Lianhua.Commerce.Core.Storage.Turns(TimeSpan.FromMinutes(1))); // a turn is passed on after 500 ms in production; a slow machine must not make these turns overlap
        var leg = new Leg(2, "hub-turns-" + Guid.NewGuid().ToString("N")[..8], "wh-360321", 400_000);
        var day = BusinessDay.Of(DateTimeOffset.UtcNow);

        var booked = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.BookAsync($"s-{i}", leg, 1000, day, day.AddDays(29), default)));

        Assert.All(booked, k => Assert.Equal(day, k.Date));
        Assert.Equal(1 + 12, counter.Count); // one read of the new run, then one transaction each: none failed on another's ETag
        var run = Assert.Single(await store.DayAsync(leg.From, day, null, default));
        Assert.Equal(12_000, run.LoadGrams);
        Assert.Equal(12, run.ShipmentIds.Count);
    }
}
