using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Scans interrupted at their commit (the shipment and the scan's idempotency record in one transaction) or at the
/// shipments-delivered send after a pickup, replays, two scans of one shipment at once, and a scan racing a cancel.
/// </summary>
public sealed class ScanFaultTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly bool _noLeftoverFaults = host.ClearFaults();

    // Inside one township: StationA → HubA → StationA2.
    private readonly FaultFlow _flow = new(host, TestData.StationA, TestData.StationA2);

    private async Task<(string OrderId, string ShipmentId, string Code, string ListingId)> RoutedOrder()
    {
        var listingId = await _flow.Listing(stock: 10);
        var order = await _flow.Place(listingId, 2);
        var tracking = await _flow.Routed(order["id"]!.GetValue<string>());
        return (order["id"]!.GetValue<string>(), tracking["shipments"]![0]!["id"]!.GetValue<string>(), order["pickupCode"]!.GetValue<string>(), listingId);
    }

    private async Task<ApiResponse> Scan(string shipmentId, string scanEvent, string nodeId, Dictionary<string, string> key, string? code = null) =>
        await (await _flow.KeyOf(nodeId)).Post($"shipments/{shipmentId}/scans", new { @event = scanEvent, nodeId, pickupCode = code }, key);

    private async Task<JsonNode> Shipment(string orderId) => (await _flow.Tracking(orderId))["shipments"]![0]!;

    private async Task ToPickup(string shipmentId)
    {
        foreach (var (e, node) in new[] { ("depart", TestData.StationA), ("arrive", TestData.HubA), ("depart", TestData.HubA), ("arrive", TestData.StationA2) })
            Assert.Equal(HttpStatusCode.OK, (await Scan(shipmentId, e, node, Headers.Idempotency())).Status);
    }

    private async Task<int> DeliveredMessages(string shipmentId) =>
        (await host.Storage.Queue("shipments-delivered").PeekMessagesAsync(32)).Value.Count(m => m.Body.ToString().Contains(shipmentId));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScanInterruptedAtItsCommit_ReplayAppliesItOnce(bool responseLost)
    {
        var (orderId, shipmentId, _, _) = await RoutedOrder();
        host.Faults.Add(new("scan commit", FaultFlow.Batch($"{host.Prefix}Orders"), responseLost, Skip: 0));
        var key = Headers.Idempotency();
        var first = await Scan(shipmentId, "depart", TestData.StationA, key);
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(responseLost ? "in_transit" : "routed", (await Shipment(orderId))["status"]!.GetValue<string>());

        var replay = await Scan(shipmentId, "depart", TestData.StationA, key);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(responseLost ? "true" : null, replay.Header("Idempotent-Replayed"));
        var again = await Scan(shipmentId, "depart", TestData.StationA, key);
        Assert.Equal(replay.Raw, again.Raw);
        var shipment = await Shipment(orderId);
        Assert.Equal("in_transit", shipment["status"]!.GetValue<string>());
        Assert.Single(shipment["events"]!.AsArray());
        Assert.Equal("in_transit", (await _flow.Order(orderId))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("commit", true)]
    [InlineData("send", false)]
    [InlineData("send", true)]
    public async Task PickupInterrupted_AfterItsCommitOrAtTheDeliveredSend_ReplayAnswersDeliveredAndSendsTheMessage(string step, bool responseLost)
    {
        var (orderId, shipmentId, code, _) = await RoutedOrder();
        await ToPickup(shipmentId);
        host.Faults.Add(new($"pickup {step}", step == "commit" ? FaultFlow.Batch($"{host.Prefix}Orders") : FaultFlow.Send($"{host.Prefix}-shipments-delivered"),
            responseLost, Skip: 0));
        var key = Headers.Idempotency();
        var first = await Scan(shipmentId, "pickup", TestData.StationA2, key, code);
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal("delivered", (await _flow.Order(orderId))["status"]!.GetValue<string>());

        var replay = await Scan(shipmentId, "pickup", TestData.StationA2, key, code);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal("delivered", replay.Json["status"]!.GetValue<string>());
        Assert.True(await DeliveredMessages(shipmentId) >= 1, "no shipments-delivered message");
        Assert.Single((await Shipment(orderId))["events"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "pickup");
    }

    [Fact]
    public async Task WrongCodeWhoseAnswerWasLost_CountsOnce()
    {
        var (orderId, shipmentId, code, _) = await RoutedOrder();
        await ToPickup(shipmentId);
        var wrong = code == "000000" ? "111111" : "000000";
        host.Faults.Add(new("wrong code commit", FaultFlow.Batch($"{host.Prefix}Orders"), AfterSend: true, Skip: 0));
        var key = Headers.Idempotency();
        Assert.Equal(HttpStatusCode.InternalServerError, (await Scan(shipmentId, "pickup", TestData.StationA2, key, wrong)).Status);
        host.Faults.Clear();
        var replay = await Scan(shipmentId, "pickup", TestData.StationA2, key, wrong);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        // Four wrong codes in all: not locked, the right code still delivers.
        foreach (var _ in Enumerable.Range(0, 3))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Scan(shipmentId, "pickup", TestData.StationA2, Headers.Idempotency(), wrong)).Status);
        Assert.False((await Shipment(orderId))["locked"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await Scan(shipmentId, "pickup", TestData.StationA2, Headers.Idempotency(), code)).Status);
    }

    [Fact]
    public async Task TwoScansOfOneShipmentAtOnce_WithOneKey_GetOneAnswer_WithTwoKeys_OneWins()
    {
        var (orderId, shipmentId, _, _) = await RoutedOrder();
        var key = Headers.Idempotency();
        var same = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Scan(shipmentId, "depart", TestData.StationA, key)));
        Assert.All(same, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.Single(same, s => s.Header("Idempotent-Replayed") is null);
        Assert.All(same, s => Assert.Equal(same[0].Raw, s.Raw));

        var different = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Scan(shipmentId, "arrive", TestData.HubA, Headers.Idempotency())));
        Assert.Single(different, s => s.Status == HttpStatusCode.OK);
        Assert.All(different.Where(s => s.Status != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s.Status));
        Assert.Equal(["depart", "arrive"], (await Shipment(orderId))["events"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ScanRacingCancel_OneOfThemWins_AndStockAndRunsMatchTheOutcome()
    {
        for (var round = 0; round < 3; round++)
        {
            var (orderId, shipmentId, _, listingId) = await RoutedOrder();
            var tracking = await _flow.Tracking(orderId);
            var booked = (await _flow.Legs(tracking)).Select(l => l.Load).ToList();
            var scan = Scan(shipmentId, "depart", TestData.StationA, Headers.Idempotency());
            var cancel = _flow.Cancel(orderId, Headers.Idempotency());
            var (departed, cancelled) = (await scan, await cancel);
            Assert.True(departed.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, departed.ToString());
            Assert.True(cancelled.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, cancelled.ToString());
            Assert.NotEqual(departed.Status, cancelled.Status);
            var isCancelled = cancelled.Status == HttpStatusCode.OK;
            Assert.Equal(isCancelled ? "cancelled" : "in_transit", (await _flow.Order(orderId))["status"]!.GetValue<string>());
            Assert.Equal(isCancelled ? 10 : 8, await _flow.Stock(listingId));
            await _flow.RunsAre(tracking, isCancelled ? booked.Select(l => l - 2 * FaultFlow.UnitWeightGrams).ToList() : booked, listed: !isCancelled,
                "the runs do not match the outcome");
        }
    }
}
