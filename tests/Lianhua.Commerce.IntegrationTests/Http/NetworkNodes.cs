using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Acts as any station or hub of the network: one county-issued key per node, made on first use, and the requests
/// delivery tests make as those nodes (listings, orders, tracking until routed, scans).
/// </summary>
public sealed class NetworkNodes(LocalHostFixture host)
{
    private readonly Dictionary<string, Api> _keys = new();

    /// <summary>The node's key: issued on first use, then the same one.</summary>
    public async Task<Api> KeyOf(string nodeId) => _keys.TryGetValue(nodeId, out var api) ? api : _keys[nodeId] = await Keys.Of(host, nodeId);

    public async Task<string> NewListing(string seller, long stock = 50, long priceFen = 4550) =>
        await TestData.NewListingId(await KeyOf(seller), Bodies.Listing(stock: stock, priceFen: priceFen));

    /// <summary>The buyer's order of these lines (201 asserted).</summary>
    public async Task<JsonNode> Place(string buyer, params (string ListingId, long Quantity)[] lines)
    {
        var placed = await (await KeyOf(buyer)).Post("orders", Bodies.Order(lines), Headers.Idempotency());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        return placed.Json;
    }

    /// <summary>The order's tracking once routing has given it shipments.</summary>
    public async Task<JsonNode> Routed(string orderId, string buyer)
    {
        JsonNode tracking = null!;
        await Eventually.True(async () =>
        {
            var t = await (await KeyOf(buyer)).Get($"orders/{orderId}/tracking");
            tracking = t.Json;
            return t.Status == HttpStatusCode.OK && tracking["shipments"]!.AsArray().Count > 0;
        }, 30, "the order was never routed");
        return tracking;
    }

    public async Task<ApiResponse> Scan(string shipmentId, string scanEvent, string nodeId, string? code = null, Dictionary<string, string>? key = null) =>
        await (await KeyOf(nodeId)).Post($"shipments/{shipmentId}/scans", new { @event = scanEvent, nodeId, pickupCode = code }, key ?? Headers.Idempotency());

    /// <summary>Scans the shipment (a tracking entry) along every leg, depart and arrive, each answered 200: it is ready for pickup.</summary>
    public async Task ToPickup(JsonNode shipment)
    {
        var shipmentId = shipment["id"]!.GetValue<string>();
        foreach (var leg in shipment["legs"]!.AsArray())
        {
            Assert.Equal(HttpStatusCode.OK, (await Scan(shipmentId, "depart", leg!["from"]!.GetValue<string>())).Status);
            Assert.Equal(HttpStatusCode.OK, (await Scan(shipmentId, "arrive", leg["to"]!.GetValue<string>())).Status);
        }
    }
}
