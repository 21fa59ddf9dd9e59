using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

public sealed class DeliveryTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly NetworkNodes _nodes = new(host);
    private Task<Api> KeyOf(string nodeId) => _nodes.KeyOf(nodeId);

    private async Task<JsonNode> Order(string buyer, params (string Seller, long Quantity)[] lines)
    {
        var listingIds = new List<(string, long)>();
        foreach (var (seller, quantity) in lines) listingIds.Add((await _nodes.NewListing(seller, stock: 50), quantity));
        return await _nodes.Place(buyer, [.. listingIds]);
    }

    private Task<JsonNode> Routed(string orderId, string buyer) => _nodes.Routed(orderId, buyer);

    private Task<ApiResponse> Scan(string shipmentId, string scanEvent, string nodeId, string? code = null, Dictionary<string, string>? key = null) =>
        _nodes.Scan(shipmentId, scanEvent, nodeId, code, key);

    private static string[] Nodes(JsonNode shipment) =>
        [shipment["originStationId"]!.GetValue<string>(), .. shipment["legs"]!.AsArray().Select(l => l!["to"]!.GetValue<string>())];

    [Fact]
    public async Task OrderAcrossTwoTownships_IsFollowedHopByHop_ToPickup()
    {
        var order = await Order(TestData.StationB, (TestData.StationA, 2));
        var tracking = await Routed(order["id"]!.GetValue<string>(), TestData.StationB);
        Assert.Equal("routed", tracking["status"]!.GetValue<string>());
        var shipment = Assert.Single(tracking["shipments"]!.AsArray())!;
        Assert.Equal(1000, shipment["weightGrams"]!.GetValue<long>());
        Assert.Equal([TestData.StationA, TestData.HubA, "wh-360321", "hub-360321204", TestData.StationB], Nodes(shipment));
        var id = shipment["id"]!.GetValue<string>();

        // The destination hub's loading list holds the run arriving from the warehouse and the one leaving for the station.
        var legs = shipment["legs"]!.AsArray();
        var hubRuns = (await (await KeyOf("hub-360321204")).Get($"runs?nodeId=hub-360321204&date={legs[2]!["date"]}")).Json["items"]!.AsArray();
        Assert.Contains(hubRuns, r => r!["from"]!.GetValue<string>() == "wh-360321" && r["shipmentIds"]!.AsArray().Any(s => s!.GetValue<string>() == id));
        if (legs[3]!["date"]!.GetValue<string>() == legs[2]!["date"]!.GetValue<string>())
            Assert.Contains(hubRuns, r => r!["to"]!.GetValue<string>() == TestData.StationB && r["shipmentIds"]!.AsArray().Any(s => s!.GetValue<string>() == id));

        // Out of order, off the path, or someone else's node: rejected, nothing changes.
        Assert.Equal(HttpStatusCode.Conflict, (await Scan(id, "arrive", TestData.HubA)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Scan(id, "depart", TestData.HubA)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Scan(id, "depart", "hub-360321100")).Status);
        var impostor = await (await KeyOf(TestData.HubA)).Post($"shipments/{id}/scans", new { @event = "depart", nodeId = TestData.StationA }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.NotFound, impostor.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Scan(id, "pickup", TestData.StationB, order["pickupCode"]!.GetValue<string>())).Status);

        var nodes = Nodes(shipment);
        for (var i = 0; i + 1 < nodes.Length; i++)
        {
            var key = Headers.Idempotency();
            var depart = await Scan(id, "depart", nodes[i], key: key);
            Assert.True(depart.Status == HttpStatusCode.OK, depart.ToString());
            var replay = await Scan(id, "depart", nodes[i], key: key);
            Assert.Equal("true", replay.Header("Idempotent-Replayed"));
            Assert.Equal(depart.Raw, replay.Raw);
            Assert.Equal("in_transit", (await (await KeyOf(TestData.StationB)).Get($"orders/{order["id"]}/tracking")).Json["status"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await Scan(id, "arrive", nodes[i + 1])).Status);
        }
        var ready = await (await KeyOf(TestData.StationB)).Get($"orders/{order["id"]}");
        Assert.Equal("ready_for_pickup", ready.Json["status"]!.GetValue<string>());

        var wrong = order["pickupCode"]!.GetValue<string>() == "000000" ? "111111" : "000000";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Scan(id, "pickup", TestData.StationB, wrong)).Status);
        var pickup = await Scan(id, "pickup", TestData.StationB, order["pickupCode"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, pickup.Status);
        Assert.Equal("delivered", pickup.Json["status"]!.GetValue<string>());
        var final = await (await KeyOf(TestData.StationB)).Get($"orders/{order["id"]}/tracking");
        Assert.Equal("delivered", final.Json["status"]!.GetValue<string>());
        Assert.Equal(9, final.Json["shipments"]![0]!["events"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Conflict, (await (await KeyOf(TestData.StationB)).Post($"orders/{order["id"]}/cancel", new { reason = "晚了" }, Headers.Idempotency())).Status);
        var delivered = await host.Storage.Queue("shipments-delivered").PeekMessagesAsync(32);
        Assert.Contains(delivered.Value, m => m.Body.ToString().Contains(id));
    }

    [Fact]
    public async Task ScanKeys_AreScopedToTheScanningNode_SoTwoNodesMayUseTheSameKey()
    {
        var order = await Order(TestData.StationA2, (TestData.StationA, 1));
        var shipment = (await Routed(order["id"]!.GetValue<string>(), TestData.StationA2))["shipments"]![0]!;
        var id = shipment["id"]!.GetValue<string>();
        // Each scanner numbers its own scans: the same Idempotency-Key at another node is another scan, not a reuse.
        var key = Headers.Idempotency("scan-" + Guid.NewGuid().ToString("N")[..8]);
        var depart = await Scan(id, "depart", TestData.StationA, key: key);
        Assert.Equal(HttpStatusCode.OK, depart.Status);
        var arrive = await Scan(id, "arrive", TestData.HubA, key: key);
        Assert.True(arrive.Status == HttpStatusCode.OK, arrive.ToString());
        Assert.Null(arrive.Header("Idempotent-Replayed"));
        Assert.Equal(2, arrive.Json["events"]!.AsArray().Count);
        var replay = await Scan(id, "depart", TestData.StationA, key: key);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(depart.Raw, replay.Raw);
        // The county scanning for a node acts as that node: it replays the node's scan.
        var county = await host.County().Post($"shipments/{id}/scans", new { @event = "arrive", nodeId = TestData.HubA }, key);
        Assert.Equal("true", county.Header("Idempotent-Replayed"));
        Assert.Equal(arrive.Raw, county.Raw);
    }

    [Fact]
    public async Task OrderInsideOneTownship_HasTwoLegs_AndSameStationOrderIsReadyAtOnce()
    {
        var order = await Order(TestData.StationA2, (TestData.StationA, 1));
        var shipment = (await Routed(order["id"]!.GetValue<string>(), TestData.StationA2))["shipments"]![0]!;
        Assert.Equal([TestData.StationA, TestData.HubA, TestData.StationA2], Nodes(shipment));

        var local = await Order(TestData.StationA, (TestData.StationA, 1));
        var tracking = await Routed(local["id"]!.GetValue<string>(), TestData.StationA);
        Assert.Equal("ready_for_pickup", tracking["status"]!.GetValue<string>());
        Assert.Empty(tracking["shipments"]![0]!["legs"]!.AsArray());
        var pickup = await Scan(tracking["shipments"]![0]!["id"]!.GetValue<string>(), "pickup", TestData.StationA, local["pickupCode"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, pickup.Status);
    }

    [Fact]
    public async Task OrderSpanningTwoOriginStations_HasOneShipmentEach()
    {
        var order = await Order(TestData.StationB, (TestData.StationA, 1), ("st-360321200-01", 3));
        var shipments = (await Routed(order["id"]!.GetValue<string>(), TestData.StationB))["shipments"]!.AsArray();
        Assert.Equal(2, shipments.Count);
        Assert.Equal(new[] { TestData.StationA, "st-360321200-01" }, shipments.Select(s => s!["originStationId"]!.GetValue<string>()).Order());
        Assert.Contains(shipments, s => s!["weightGrams"]!.GetValue<long>() == 1500);
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheShipment_UntilTheCountyUnlocksIt()
    {
        var order = await Order(TestData.StationA, (TestData.StationA, 1));
        var id = (await Routed(order["id"]!.GetValue<string>(), TestData.StationA))["shipments"]![0]!["id"]!.GetValue<string>();
        var code = order["pickupCode"]!.GetValue<string>();
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Scan(id, "pickup", TestData.StationA, wrong)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Scan(id, "pickup", TestData.StationA, code)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await KeyOf(TestData.StationA)).Post($"shipments/{id}/unlock", new { })).Status);
        var unlocked = await host.County().Post($"shipments/{id}/unlock", new { });
        Assert.Equal(HttpStatusCode.OK, unlocked.Status);
        Assert.False(unlocked.Json["locked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await Scan(id, "pickup", TestData.StationA, code)).Status);
    }

    [Fact]
    public async Task CancelBeforeDeparture_ReleasesRunCapacityAndStock_ExactlyOnce()
    {
        var order = await Order(TestData.StationB, ("st-360321102-05", 2));
        var orderId = order["id"]!.GetValue<string>();
        var leg = (await Routed(orderId, TestData.StationB))["shipments"]![0]!["legs"]![0]!;
        var date = leg["date"]!.GetValue<string>();
        var seller = await KeyOf("st-360321102-05");
        async Task<long> Load() => (await seller.Get($"runs?nodeId=st-360321102-05&date={date}")).Json["items"]!.AsArray()
            .Single(r => r!["to"]!.GetValue<string>() == "hub-360321102")!["loadGrams"]!.GetValue<long>();
        Assert.Equal(1000, await Load());
        var key = Headers.Idempotency();
        var buyer = await KeyOf(TestData.StationB);
        Assert.Equal(HttpStatusCode.OK, (await buyer.Post($"orders/{orderId}/cancel", new { reason = "不要了" }, key)).Status);
        Assert.Equal(0, await Load());
        Assert.Equal("true", (await buyer.Post($"orders/{orderId}/cancel", new { reason = "不要了" }, key)).Header("Idempotent-Replayed"));
        Assert.Equal(0, await Load());
        var listingId = order["lines"]![0]!["listingId"]!.GetValue<string>();
        Assert.Equal(50, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        var tracking = await buyer.Get($"orders/{orderId}/tracking");
        Assert.Equal("cancelled", tracking.Json["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await Scan(tracking.Json["shipments"]![0]!["id"]!.GetValue<string>(), "depart", "st-360321102-05")).Status);
    }

    [Fact]
    public async Task CancelAfterDeparture_Is409()
    {
        var order = await Order(TestData.StationB, (TestData.StationA, 1));
        var shipment = (await Routed(order["id"]!.GetValue<string>(), TestData.StationB))["shipments"]![0]!;
        Assert.Equal(HttpStatusCode.OK, (await Scan(shipment["id"]!.GetValue<string>(), "depart", TestData.StationA)).Status);
        var cancel = await (await KeyOf(TestData.StationB)).Post($"orders/{order["id"]}/cancel", new { reason = "x" }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, cancel.Status);
    }

    [Fact]
    public async Task RoutingTheSameOrderAgain_CreatesNoSecondShipment_AndDoesNotDoubleBookRuns()
    {
        var order = await Order(TestData.StationB, ("st-360321103-02", 4));
        var orderId = order["id"]!.GetValue<string>();
        var tracking = await Routed(orderId, TestData.StationB);
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => router.HandleAsync(new OrderToRoute(orderId, TestData.StationB, "any"), default)));
        Assert.All(outcomes, o => Assert.Equal(RouteOutcome.AlreadyRouted, o));
        var again = await (await KeyOf(TestData.StationB)).Get($"orders/{orderId}/tracking");
        Assert.Equal(tracking.ToJsonString(), again.Json.ToJsonString());
        var date = tracking["shipments"]![0]!["legs"]![0]!["date"]!.GetValue<string>();
        var runs = await host.County().Get($"runs?nodeId=st-360321103-02&date={date}");
        Assert.Equal(2000, runs.Json["items"]!.AsArray().Single(r => r!["to"]!.GetValue<string>() == "hub-360321103")!["loadGrams"]!.GetValue<long>());
    }

    [Fact]
    public async Task ParallelRoutingOfOneOrder_BooksEachLegOnce()
    {
        var listingId = await TestData.NewListingId(await KeyOf("st-360321104-03"), Bodies.Listing(stock: 50));
        var key = Guid.NewGuid().ToString("N");
        var order = await (await KeyOf(TestData.StationB)).Post("orders", Bodies.Order((listingId, 3)), Headers.Idempotency(key));
        var orderId = order.Json["id"]!.GetValue<string>();
        // Four deliveries of the same message at once (the queue's own copy is still hidden), as a 16-wide batch could do.
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => router.HandleAsync(new OrderToRoute(orderId, TestData.StationB, key), default)));
        Assert.Single(outcomes, o => o == RouteOutcome.Routed);
        var tracking = await Routed(orderId, TestData.StationB);
        var shipment = Assert.Single(tracking["shipments"]!.AsArray())!;
        foreach (var leg in shipment["legs"]!.AsArray())
        {
            var runs = await host.County().Get($"runs?nodeId={leg!["from"]}&date={leg["date"]}");
            var run = runs.Json["items"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == leg["runId"]!.GetValue<string>())!;
            Assert.Equal(1, run["shipmentIds"]!.AsArray().Count(id => id!.GetValue<string>() == shipment["id"]!.GetValue<string>()));
            if (leg["seq"]!.GetValue<int>() == 1) // this origin station's run carries nothing else: its load is this shipment, once
                Assert.Equal(1500, run["loadGrams"]!.GetValue<long>());
        }
    }

    [Theory]
    [InlineData("{\"event\":\"fly\",\"nodeId\":\"st-360321101-01\"}")]
    [InlineData("{\"nodeId\":\"st-360321101-01\"}")]
    [InlineData("{\"event\":\"pickup\",\"nodeId\":\"st-360321101-01\",\"pickupCode\":\"12ab\"}")]
    [InlineData("{\"event\":\"depart\"}")]
    public async Task Scan_WithBadInput_Is400(string body)
    {
        var response = await (await KeyOf(TestData.StationA)).SendRaw(HttpMethod.Post, $"shipments/{TestData.StationA}-0000000000000000000abcdef12-01/scans", body, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Runs_OfAnotherNode_Is404_BadDateIs400()
    {
        var station = await KeyOf(TestData.StationA);
        Assert.Equal(HttpStatusCode.NotFound, (await station.Get($"runs?nodeId={TestData.HubA}&date=2026-11-28")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await station.Get($"runs?nodeId={TestData.StationA}&date=28/11/2026")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Get("runs?nodeId=nowhere&date=2026-11-28")).Status);
    }
}
