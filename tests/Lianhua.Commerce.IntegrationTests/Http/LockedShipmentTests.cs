using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>A shipment locked after five wrong pickup codes is listed for the county until it is unlocked.</summary>
public sealed class LockedShipmentTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task FiveWrongCodes_ListTheShipmentForTheCounty_UntilItIsUnlocked()
    {
        var flow = new FaultFlow(host, TestData.StationA, TestData.StationA);
        var order = await flow.Place(await flow.Listing(stock: 10), 1);
        var orderId = order["id"]!.GetValue<string>();
        var shipmentId = (await flow.Routed(orderId))["shipments"]![0]!["id"]!.GetValue<string>();
        var code = order["pickupCode"]!.GetValue<string>();
        var station = await flow.KeyOf(TestData.StationA);
        var scan = new { @event = "pickup", nodeId = TestData.StationA, pickupCode = code == "000000" ? "111111" : "000000" };
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.UnprocessableEntity, (await station.Post($"shipments/{shipmentId}/scans", scan, Headers.Idempotency())).Status);
        Assert.Empty((await host.County().Get("attention")).Json["lockedShipments"]!.AsArray());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await station.Post($"shipments/{shipmentId}/scans", scan, Headers.Idempotency())).Status);
        var locked = (await host.County().Get("attention")).Json["lockedShipments"]!.AsArray().Single()!;
        Assert.Equal(shipmentId, locked["shipmentId"]!.GetValue<string>());
        Assert.Equal(orderId, locked["orderId"]!.GetValue<string>());
        Assert.Equal(TestData.StationA, locked["nodeId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await host.County().Post($"shipments/{shipmentId}/unlock", new { })).Status);
        Assert.Empty((await host.County().Get("attention")).Json["lockedShipments"]!.AsArray());
    }
}
