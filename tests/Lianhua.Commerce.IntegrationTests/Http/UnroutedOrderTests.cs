using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// An order routing stops short on keeps on its row the runs its legs hold: waiting for room it is not listed (within the grace
/// period); once it can never be routed (its origin station left the network) the county sees it in GET /api/attention until it
/// is cancelled, and the cancel gives back the run of a path the network no longer has.
/// </summary>
public sealed class UnroutedOrderTests(ShortNoRoomRetryHost host) : IClassFixture<ShortNoRoomRetryHost>
{
    private const string Hub = TestData.HubA, Gone = "st-360321101-05", Full = "st-360321101-06";
    private const long Capacity = 3000;

    [Fact]
    public async Task AnOrderWhoseStationLeftTheNetwork_IsListedUntilCancelled_AndTheCancelGivesBackTheRunOfItsOldPath()
    {
        // The link from Full carries 3 kg a run and is full for the 30 days routing books.
        await ChangeNetwork(n => n["links"]!.AsArray().First(l => l!["from"]!.GetValue<string>() == Full)!["capacityGrams"] = Capacity);
        var today = BusinessDay.Of(DateTimeOffset.UtcNow);
        var runs = host.App.Services.GetRequiredService<RunStore>();
        for (var day = 0; day < RunPlanner.MaxDays; day++)
            await runs.BookAsync($"fill-{day:D2}", new Leg(1, Full, Hub, Capacity), Capacity, today, RunPlanner.LastDay(today), default);
        var goneListing = await TestData.NewListingId(await Keys.Of(host, Gone), Bodies.Listing(stock: 10));
        var fullListing = await TestData.NewListingId(await Keys.Of(host, Full), Bodies.Listing("高洲大米 2斤", priceFen: 1800, stock: 10, category: "rice", unitWeightGrams: 1000));
        var buyer = await Keys.Of(host, TestData.StationB);
        var placed = await buyer.Post("orders", Bodies.Order((goneListing, 1), (fullListing, 2)), Headers.Idempotency());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        var orderId = placed.Json["id"]!.GetValue<string>();
        // Its shipment from Gone books its legs in order, so any hold means the first leg's run is booked; how many more legs it
        // books before the other shipment finds no room depends on timing.
        await Eventually.True(async () => (await Holds(orderId)).Count >= 1, 30, "routing never booked the first leg from " + Gone);
        Assert.DoesNotContain(orderId, await Unrouted()); // waiting for room: listed only after the grace period

        // The station leaves the network: its shipment can never be routed now, and no path leads to the run it holds.
        await ChangeNetwork(n =>
        {
            n["stations"]!.AsArray().Remove(n["stations"]!.AsArray().First(s => s!["id"]!.GetValue<string>() == Gone));
            foreach (var link in n["links"]!.AsArray().Where(l => l!["from"]!.GetValue<string>() == Gone || l!["to"]!.GetValue<string>() == Gone).ToList())
                n["links"]!.AsArray().Remove(link);
        });
        await Eventually.True(async () => (await Unrouted()).Contains(orderId), 30, "the order was never listed as unrouted");
        var listed = (await host.County().Get("attention")).Json["unroutedOrders"]!.AsArray().Single(o => o!["orderId"]!.GetValue<string>() == orderId)!;
        Assert.Equal(TestData.StationB, listed["stationId"]!.GetValue<string>());
        Assert.Contains(Gone, listed["reason"]!.GetValue<string>());
        Assert.Equal("confirmed", (await buyer.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());

        var cancelled = await buyer.Post($"orders/{orderId}/cancel", new { reason = "站点撤了" }, Headers.Idempotency());
        Assert.True(cancelled.Status == HttpStatusCode.OK, cancelled.ToString());
        Assert.Empty(await Holds(orderId));
        var run = await host.Storage.Table("Runs").GetEntityAsync<Azure.Data.Tables.TableEntity>(Gone, RunEntity.Row(new RunKey(Gone, Hub, today)));
        Assert.Equal(0, run.Value.GetInt64("LoadGrams"));
        Assert.Equal(10, (await buyer.Get($"listings/{fullListing}")).Json["stock"]!.GetValue<long>());
        Assert.Equal(10, (await buyer.Get($"listings/{goneListing}")).Json["stock"]!.GetValue<long>());
        Assert.DoesNotContain(orderId, await Unrouted());
    }

    private async Task ChangeNetwork(Action<JsonNode> change)
    {
        var network = (await host.County().Get("network")).Json;
        change(network);
        var replaced = await host.County().Put("network", network);
        Assert.True(replaced.Status == HttpStatusCode.OK, replaced.ToString());
    }

    private async Task<List<string>> Unrouted() =>
        [.. (await host.County().Get("attention")).Json["unroutedOrders"]!.AsArray().Select(o => o!["orderId"]!.GetValue<string>())];

    /// <summary>The order's bookings in the Runs table (rows <c>{day}_{to}~{shipmentId}</c>).</summary>
    private async Task<List<string>> Holds(string orderId) =>
        [.. (await host.Storage.Table("Runs").QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]).ToListAsync())
            .Select(r => r.RowKey).Where(k => !k.StartsWith("leg~", StringComparison.Ordinal) && k.Contains("~" + orderId, StringComparison.Ordinal))];
}
