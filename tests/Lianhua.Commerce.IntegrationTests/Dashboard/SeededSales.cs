using System.Net;
using Lianhua.Commerce.IntegrationTests.Http;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Dashboard;

/// <summary>
/// What the dashboard tests show: two listings of two categories from 路口村, three orders delivered to 海潭村 and attributed
/// to their households, and one shipment locked after five wrong pickup codes (on the logistics panel).
/// </summary>
public sealed record SeededSales(string LockedShipmentId)
{
    public static async Task<SeededSales> Deliver(LocalHostFixture host)
    {
        var flow = new LedgerFlow(host);
        var (households, lotus) = await flow.ListingOfThree([6000, 2500]);
        var rice = await TestData.NewListingId(await flow.Nodes.KeyOf(LedgerFlow.Seller), Bodies.Listing(title: "莲花大米 5kg", category: "rice",
            priceFen: 6880, stock: 100, producers: [new ProducerBody(households[0], 4000)]));
        await flow.DeliverOrder(lotus, 2);
        await flow.DeliverOrder(lotus, 3);
        await flow.DeliverOrder(rice, 4);
        foreach (var household in households)
            await Eventually.True(async () => (await flow.Sales(household))["entries"]!.AsArray().Count >= (household == households[0] ? 3 : 2),
                30, "the deliveries were never attributed");
        return new SeededSales(await Locked(flow, rice));
    }

    private static async Task<string> Locked(LedgerFlow flow, string listingId)
    {
        var order = await flow.Nodes.Place(LedgerFlow.Buyer, (listingId, 1));
        var shipment = (await flow.Nodes.Routed(order["id"]!.GetValue<string>(), LedgerFlow.Buyer))["shipments"]![0]!;
        var shipmentId = shipment["id"]!.GetValue<string>();
        await flow.Nodes.ToPickup(shipment);
        var wrong = order["pickupCode"]!.GetValue<string>() == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await flow.Nodes.Scan(shipmentId, "pickup", LedgerFlow.Buyer, wrong)).Status);
        return shipmentId;
    }
}
