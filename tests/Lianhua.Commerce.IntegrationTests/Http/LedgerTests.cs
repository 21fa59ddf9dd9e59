using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Functions;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Sales attribution through LocalHost and Azurite: a delivered shipment's lines split among the households that produced
/// them, exactly, once, however often its message comes; refunds reverse by the same split.
/// </summary>
public sealed class LedgerTests(LedgerHost host) : IClassFixture<LedgerHost>
{
    private readonly LedgerFlow _flow = new(host);

    [Fact]
    public async Task DeliveredShipment_WithThreeProducers_IsSplitExactly_IntoEachHouseholdsSales_WithinSeconds()
    {
        var (households, listingId) = await _flow.ListingOfThree([5000, 3000, 1500]);
        var orderId = await _flow.DeliverOrder(listingId, 3); // 3 × 4550 = 13650 fen

        // 6825 + 4095 + 2047.5 + the rest 682.5: the half fen goes to the household.
        var expected = new[] { 6825L, 4095, 2048 };
        for (var i = 0; i < 3; i++)
        {
            var sales = await _flow.SalesOnceAttributed(households[i], 30);
            Assert.Equal(expected[i], sales["totalFen"]!.GetValue<long>());
            var entry = Assert.Single(sales["entries"]!.AsArray())!;
            Assert.Equal((orderId, listingId, expected[i], "sale"),
                (entry["orderId"]!.GetValue<string>(), entry["listingId"]!.GetValue<string>(), entry["amountFen"]!.GetValue<long>(), entry["kind"]!.GetValue<string>()));
        }
        Assert.Empty(await _flow.Owed());
    }

    [Fact]
    public async Task TheSameDeliveredMessage_HandledThreeTimesAndInParallel_WritesEachEntryOnce()
    {
        var (households, listingId) = await _flow.ListingOfThree([6000, 2000, 1000]);
        var orderId = await _flow.DeliverOrder(listingId, 2);
        var before = await Task.WhenAll(households.Select(h => _flow.SalesOnceAttributed(h, 30)));
        var tracking = await (await _flow.Nodes.KeyOf(LedgerFlow.Buyer)).Get($"orders/{orderId}/tracking");
        var shipmentId = tracking.Json["shipments"]![0]!["id"]!.GetValue<string>();

        var functions = ActivatorUtilities.CreateInstance<AttributionFunctions>(host.App.Services);
        var writer = host.App.Services.GetRequiredService<LedgerWriter>();
        var work = new LedgerWork(LedgerWork.Delivery, orderId, shipmentId, DateTimeOffset.UtcNow);
        // Three deliveries of the message, and three writes that skip the outbox check (as a consumer that read the row
        // just before another one deleted it would), all at once.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => functions.Attribute(
                System.Text.Json.JsonSerializer.Serialize(new ShipmentDeliveredMessage(orderId, shipmentId), Lianhua.Commerce.Core.Common.Json.Options), default))
            .Concat(Enumerable.Range(0, 3).Select(_ => writer.WriteAsync(work, default))));

        var after = await Task.WhenAll(households.Select(h => _flow.Sales(h)));
        Assert.Equal(before.Select(s => s.ToJsonString()), after.Select(s => s.ToJsonString()));
        Assert.Equal(3, await _flow.LedgerRows(orderId));
    }

    [Fact]
    public async Task TwoShipmentsOfOneOrder_PickedUpAtOnce_EachPostOnce_AndTheOrderCountsOnce()
    {
        var first = (await HouseholdData.Register(host, TestData.StationA))["id"]!.GetValue<string>();
        var second = (await HouseholdData.Register(host, TestData.StationA2))["id"]!.GetValue<string>();
        var fromA = await TestData.NewListingId(await _flow.Nodes.KeyOf(TestData.StationA), Bodies.Listing(producers: [new ProducerBody(first, 10_000)]));
        var fromA2 = await TestData.NewListingId(await _flow.Nodes.KeyOf(TestData.StationA2), Bodies.Listing(priceFen: 3000, producers: [new ProducerBody(second, 5000)]));
        var order = await _flow.Nodes.Place(LedgerFlow.Buyer, (fromA, 1), (fromA2, 2));
        var orderId = order["id"]!.GetValue<string>();
        var shipments = (await _flow.Nodes.Routed(orderId, LedgerFlow.Buyer))["shipments"]!.AsArray().Select(s => s!).ToList();
        Assert.Equal(2, shipments.Count);
        foreach (var shipment in shipments) await _flow.Nodes.ToPickup(shipment);
        var pickups = await Task.WhenAll(shipments.Select(s => _flow.Nodes.Scan(s["id"]!.GetValue<string>(), "pickup", LedgerFlow.Buyer, order["pickupCode"]!.GetValue<string>())));
        Assert.All(pickups, p => Assert.Equal(HttpStatusCode.OK, p.Status));

        Assert.Equal(4550, (await _flow.SalesOnceAttributed(first, 30))["totalFen"]!.GetValue<long>());
        Assert.Equal(3000, (await _flow.SalesOnceAttributed(second, 30))["totalFen"]!.GetValue<long>());
        await Eventually.True(async () => (await _flow.Owed()).Count == 0, 30, "ledger work still owed");
        var days = await _flow.DailyRows(orderId);
        Assert.Equal(2, days.Count);
        Assert.Equal(order["totalFen"]!.GetValue<long>(), Assert.Single(days, d => d.GetBoolean("CompletesOrder") == true).GetInt64("OrderTotalFen"));
    }

    [Fact]
    public async Task PartialRefund_LowersEachHouseholdByExactlyItsReversedSplit_OnceHoweverOftenReplayed()
    {
        var (households, listingId) = await _flow.ListingOfThree([5000, 3000, 1500]);
        var orderId = await _flow.DeliverOrder(listingId, 3);
        var before = await Task.WhenAll(households.Select(h => _flow.SalesOnceAttributed(h, 30)));

        var key = Headers.Idempotency();
        var buyer = await _flow.Nodes.KeyOf(LedgerFlow.Buyer);
        var body = new { lines = new[] { new { listingId, quantity = 1 } }, reason = "一袋受潮" };
        var refund = await buyer.Post($"orders/{orderId}/refunds", body, key);
        Assert.True(refund.Status == HttpStatusCode.Created, refund.ToString());
        Assert.Equal(4550, refund.Json["amountFen"]!.GetValue<long>());
        var replay = await buyer.Post($"orders/{orderId}/refunds", body, key);
        Assert.Equal((HttpStatusCode.Created, refund.Raw, "true"), (replay.Status, replay.Raw, replay.Header("Idempotent-Replayed")));

        // 4550: 2275 + 1365 + 682.5 + the rest 227.5; the half fen goes to the household.
        var reversed = new[] { 2275L, 1365, 683 };
        for (var i = 0; i < 3; i++)
        {
            var sales = await _flow.Sales(households[i]);
            Assert.Equal(before[i]["totalFen"]!.GetValue<long>() - reversed[i], sales["totalFen"]!.GetValue<long>());
            Assert.Equal(reversed[i], sales["entries"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "reversal")!["amountFen"]!.GetValue<long>());
        }

        // Two of three units are left to refund: three more is refused, and changes nothing.
        var over = await buyer.Post($"orders/{orderId}/refunds", new { lines = new[] { new { listingId, quantity = 3 } }, reason = "全退" }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, over.Status);
        for (var i = 0; i < 3; i++)
            Assert.Equal(before[i]["totalFen"]!.GetValue<long>() - reversed[i], (await _flow.Sales(households[i]))["totalFen"]!.GetValue<long>());
    }

    [Fact]
    public async Task Refunds_BadInputAndStrangers_AreProblems_ThatChangeNothing()
    {
        var (households, listingId) = await _flow.ListingOfThree([5000]);
        var buyer = await _flow.Nodes.KeyOf(LedgerFlow.Buyer);
        var orderId = (await _flow.Nodes.Place(LedgerFlow.Buyer, (listingId, 1)))["id"]!.GetValue<string>();
        var body = new { lines = new[] { new { listingId, quantity = 1 } }, reason = "未到" };

        Assert.Equal(HttpStatusCode.Conflict, (await buyer.Post($"orders/{orderId}/refunds", body, Headers.Idempotency())).Status); // not delivered
        Assert.Equal(HttpStatusCode.BadRequest, (await buyer.Post($"orders/{orderId}/refunds", body)).Status); // no key
        Assert.Equal(HttpStatusCode.BadRequest, (await buyer.Post($"orders/{orderId}/refunds",
            new { lines = new[] { new { listingId, quantity = 0 } }, reason = "" }, Headers.Idempotency())).Status);
        var stranger = await _flow.Nodes.KeyOf(LedgerFlow.Seller);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Post($"orders/{orderId}/refunds", body, Headers.Idempotency())).Status);
        Assert.Empty((await _flow.Sales(households[0]))["entries"]!.AsArray());
        Assert.Empty(await _flow.Owed());
    }

    [Fact]
    public async Task HouseholdSales_AreTheCountys_ForAHouseholdThatExists_OverAValidPeriod()
    {
        var household = (await HouseholdData.Register(host))["id"]!.GetValue<string>();
        var station = await _flow.Nodes.KeyOf(LedgerFlow.Seller);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.Get($"households/{household}/sales")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.County().Get($"households/{household}x/sales")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Get($"households/{household}/sales?from=2026-12-02&to=2026-12-01")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Get($"households/{household}/sales?from=yesterday")).Status);
        var none = await host.County().Get($"households/{household}/sales?from=2026-01-01&to=2026-12-31");
        Assert.Equal((HttpStatusCode.OK, 0L, 0), (none.Status, none.Json["totalFen"]!.GetValue<long>(), none.Json["entries"]!.AsArray().Count));
    }

    [Fact]
    public async Task AListingWhoseProducerIsNotRegistered_Is400_AndNothingIsStored()
    {
        var seller = await _flow.Nodes.KeyOf(LedgerFlow.Seller);
        var title = "无主白莲 " + Guid.NewGuid().ToString("N")[..6];
        var refused = await seller.Post("listings", Bodies.Listing(title, producers: [new ProducerBody("360321-st-360321101-01-h0000000000000000", 5000)]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.Json["errors"]!["producers[0].householdId"]);
        var listed = await seller.Get($"listings?stationId={LedgerFlow.Seller}&pageSize=100");
        Assert.DoesNotContain(listed.Json["items"]!.AsArray(), l => l!["title"]!.GetValue<string>() == title);
    }

    [Fact]
    public async Task WorkThatCannotBeWritten_IsListedForTheCounty_WithItsReason_AndStaysOwed()
    {
        var (_, listingId) = await _flow.ListingOfThree([5000]);
        var orderId = (await _flow.Nodes.Place(LedgerFlow.Buyer, (listingId, 1)))["id"]!.GetValue<string>();
        var writer = host.App.Services.GetRequiredService<LedgerWriter>();
        var outcome = await writer.WriteAsync(new LedgerWork(LedgerWork.Delivery, orderId, orderId + "-09", DateTimeOffset.UtcNow), default);
        Assert.Equal(LedgerOutcome.Unattributable, outcome);
        var attention = await host.County().Get("attention");
        var listed = attention.Json["unattributedShipments"]!.AsArray().Single(u => u!["shipmentId"]!.GetValue<string>() == orderId + "-09")!;
        Assert.Equal(orderId, listed["orderId"]!.GetValue<string>());
        Assert.Contains("no shipment", listed["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _flow.Nodes.KeyOf(LedgerFlow.Seller)).Get("attention")).Status);
    }
}
