using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// One order of station B (六市乡) for a listing of station A (路口镇), routed A → hub A → warehouse → hub B → B, and every kind
/// of caller against every route that names it: what status each gets and what it may see (pickup code, recipient).
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Scenario scenario) : IClassFixture<AuthorizationMatrixTests.Scenario>
{
    public const string Buyer = TestData.StationB;                  // the ordering station
    public const string Seller = TestData.StationA;                 // the origin station: on the path, another station
    public const string BuyersNeighbour = "st-360321204-02";        // another station of the buyer's township, off the path
    public const string OtherTownship = TestData.StationA2;         // another station of another township, off the path
    public const string HubOnPath = "hub-360321204";
    public const string HubOffPath = "hub-360321100";
    public const string RecipientName = "王芳";
    public const string RecipientPhone = "13907990000";

    public static readonly string[] Unauthenticated = ["none", "unknown", "revoked"];
    public static readonly string[] Others = ["seller", "buyersNeighbour", "otherTownship", "hubOnPath", "hubOffPath"];
    public static readonly string[] Allowed = ["owner", "county", "bootstrap"];

    public sealed class Scenario : LocalHostFixture, IAsyncLifetime
    {
        public Dictionary<string, Api> Callers { get; } = new();
        public JsonNode Order { get; private set; } = null!;
        public string OrderId => Order["id"]!.GetValue<string>();
        public string PickupCode => Order["pickupCode"]!.GetValue<string>();
        public string ListingId { get; private set; } = null!;
        public string ShipmentId { get; private set; } = null!;
        public string LegDate { get; private set; } = null!;
        public string PlacementKey { get; } = "place-" + Guid.NewGuid().ToString("N");

        public Api Station(string id) => Callers[id];

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            async Task<Api> Key(string role, string? scopeId) => (await Keys.Issue(County(), role, scopeId)).Api;
            Callers["none"] = Client();
            Callers["unknown"] = Client("lh_0123456789abcdef_" + new string('0', 48));
            var revoked = await Keys.Issue(County(), Buyer);
            Callers["revoked"] = revoked.Api;
            Assert.Equal(HttpStatusCode.NoContent, (await County().Delete($"keys/{revoked.KeyId}")).Status);
            Callers["bootstrap"] = County();
            Callers["county"] = await Key("county", null);
            Callers["owner"] = await Key("station", Buyer);
            Callers["seller"] = await Key("station", Seller);
            Callers["buyersNeighbour"] = await Key("station", BuyersNeighbour);
            Callers["otherTownship"] = await Key("station", OtherTownship);
            Callers["hubOnPath"] = await Key("hub", HubOnPath);
            Callers["hubOffPath"] = await Key("hub", HubOffPath);
            foreach (var (node, api) in new[] { (Buyer, "owner"), (Seller, "seller"), (BuyersNeighbour, "buyersNeighbour"), (OtherTownship, "otherTownship"), (HubOnPath, "hubOnPath"), (HubOffPath, "hubOffPath") })
                Callers[node] = Callers[api];

            ListingId = await TestData.NewListingId(Callers["seller"], Bodies.Listing(stock: 50));
            var placed = await Callers["owner"].Post("orders", OneUnitOf(ListingId), Headers.Idempotency(PlacementKey));
            Assert.Equal(HttpStatusCode.Created, placed.Status);
            Order = placed.Json;
            JsonNode tracking = null!;
            await Eventually.True(async () =>
            {
                tracking = (await County().Get($"orders/{OrderId}/tracking")).Json;
                return tracking["shipments"]!.AsArray().Count > 0;
            }, 30, "the order was never routed");
            ShipmentId = tracking["shipments"]![0]!["id"]!.GetValue<string>();
            LegDate = tracking["shipments"]![0]!["legs"]![0]!["date"]!.GetValue<string>();
        }
    }

    /// <summary>One unit of the listing, for the recipient nobody may see.</summary>
    public static OrderBody OneUnitOf(string listingId) => Bodies.Order((listingId, 1)) with { Recipient = new(RecipientName, RecipientPhone) };

    private static HttpStatusCode Expected(string caller) =>
        Unauthenticated.Contains(caller) ? HttpStatusCode.Unauthorized : Allowed.Contains(caller) ? HttpStatusCode.OK : HttpStatusCode.NotFound;

    /// <summary>Nobody sees the recipient; only the owner and the county see the pickup code.</summary>
    private void AssertShows(ApiResponse response, bool pickupCode)
    {
        Assert.DoesNotContain(RecipientName, response.Raw);
        Assert.DoesNotContain(RecipientPhone, response.Raw);
        Assert.Equal(pickupCode, response.Raw.Contains("\"pickupCode\""));
        if (!pickupCode) Assert.DoesNotContain($"\"{scenario.PickupCode}\"", response.Raw);
    }

    /// <summary>A GET as the caller: the status it should get, and the pickup code only where it may see one.</summary>
    private async Task<ApiResponse> GetAs(string caller, string path, bool pickupCodeIfAllowed)
    {
        var response = await scenario.Callers[caller].Get(path);
        Assert.Equal(Expected(caller), response.Status);
        AssertShows(response, pickupCode: pickupCodeIfAllowed && response.Status == HttpStatusCode.OK);
        return response;
    }

    public static TheoryData<string> EveryCaller() => [.. Unauthenticated, .. Others, .. Allowed];

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task GetOrder_OnlyOwnerAndCounty_SeeIt_WithThePickupCode(string caller)
    {
        var response = await GetAs(caller, $"orders/{scenario.OrderId}", pickupCodeIfAllowed: true);
        if (response.Status == HttpStatusCode.OK) Assert.Equal(scenario.PickupCode, response.Json["pickupCode"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task StationOrderList_OnlyThatStationAndCounty_SeeIt(string caller)
    {
        var response = await GetAs(caller, $"stations/{Buyer}/orders", pickupCodeIfAllowed: true);
        if (response.Status == HttpStatusCode.OK)
            Assert.Contains(response.Json["items"]!.AsArray(), o => o!["pickupCode"]!.GetValue<string>() == scenario.PickupCode);
    }

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task Tracking_OnlyOwnerAndCounty_AndNeverThePickupCode(string caller)
    {
        await GetAs(caller, $"orders/{scenario.OrderId}/tracking", pickupCodeIfAllowed: false);
    }

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task Cancel_ByAnyoneButOwnerAndCounty_IsRefused_AndChangesNothing(string caller)
    {
        if (Allowed.Contains(caller)) return; // the allowed ones are checked on orders of their own (CancelAndItsReplay_...)
        var response = await scenario.Callers[caller].Post($"orders/{scenario.OrderId}/cancel", new { reason = "不要了" }, Headers.Idempotency());
        Assert.Equal(Expected(caller), response.Status);
        AssertShows(response, pickupCode: false);
        Assert.Equal("routed", (await scenario.County().Get($"orders/{scenario.OrderId}")).Json["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("county")]
    [InlineData("bootstrap")]
    public async Task CancelAndItsReplay_ShowThePickupCode_OnlyToOwnerAndCounty(string caller)
    {
        var placed = await scenario.Callers["owner"].Post("orders", OneUnitOf(scenario.ListingId), Headers.Idempotency());
        var orderId = placed.Json["id"]!.GetValue<string>();
        var key = Headers.Idempotency();
        var cancel = await scenario.Callers[caller].Post($"orders/{orderId}/cancel", new { reason = "不要了" }, key);
        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        AssertShows(cancel, pickupCode: true);
        foreach (var other in Unauthenticated.Concat(Others))
        {
            var stolen = await scenario.Callers[other].Post($"orders/{orderId}/cancel", new { reason = "不要了" }, key);
            Assert.Equal(Expected(other), stolen.Status);
            AssertShows(stolen, pickupCode: false);
        }
        var replay = await scenario.Callers[caller].Post($"orders/{orderId}/cancel", new { reason = "不要了" }, key);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(cancel.Raw, replay.Raw);
    }

    [Fact]
    public async Task PlacementAndItsReplay_ShowThePickupCode_ToTheOrderingStation_AndAnotherStationsSameKeyIsItsOwn()
    {
        var replay = await scenario.Callers["owner"].Post("orders", OneUnitOf(scenario.ListingId), Headers.Idempotency(scenario.PlacementKey));
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(scenario.PickupCode, replay.Json["pickupCode"]!.GetValue<string>());
        AssertShows(replay, pickupCode: true);

        // Another station sending the same key and body places an order of its own; it never reads the owner's.
        foreach (var other in new[] { "seller", "buyersNeighbour", "otherTownship" })
        {
            var theirs = await scenario.Callers[other].Post("orders", OneUnitOf(scenario.ListingId), Headers.Idempotency(scenario.PlacementKey));
            Assert.Equal(HttpStatusCode.Created, theirs.Status);
            Assert.Null(theirs.Header("Idempotent-Replayed"));
            Assert.NotEqual(scenario.OrderId, theirs.Json["id"]!.GetValue<string>());
            Assert.Equal(scenario.Callers.Single(c => c.Value == scenario.Callers[other] && c.Key.StartsWith("st-")).Key, theirs.Json["stationId"]!.GetValue<string>());
        }
        foreach (var other in new[] { "hubOnPath", "hubOffPath", "county", "bootstrap" })
        {
            var refused = await scenario.Callers[other].Post("orders", OneUnitOf(scenario.ListingId), Headers.Idempotency(scenario.PlacementKey));
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            AssertShows(refused, pickupCode: false);
        }
        foreach (var other in Unauthenticated)
            Assert.Equal(HttpStatusCode.Unauthorized, (await scenario.Callers[other].Post("orders", OneUnitOf(scenario.ListingId), Headers.Idempotency(scenario.PlacementKey))).Status);
    }

    /// <summary>
    /// Scans of the order's shipment (at the seller, not departed yet), each at the caller's own node or at one that is not
    /// the caller's: the key of a node on the path (or the county) is let in (and the scan is out of order: 409); any other 404.
    /// </summary>
    [Theory]
    [InlineData("none", Seller, HttpStatusCode.Unauthorized)]
    [InlineData("unknown", Seller, HttpStatusCode.Unauthorized)]
    [InlineData("revoked", Buyer, HttpStatusCode.Unauthorized)]
    [InlineData("seller", Seller, HttpStatusCode.Conflict)]
    [InlineData("owner", Buyer, HttpStatusCode.Conflict)]
    [InlineData("hubOnPath", HubOnPath, HttpStatusCode.Conflict)]
    [InlineData("county", HubOnPath, HttpStatusCode.Conflict)]
    [InlineData("bootstrap", Seller, HttpStatusCode.Conflict)]
    [InlineData("county", HubOffPath, HttpStatusCode.NotFound)]
    [InlineData("buyersNeighbour", BuyersNeighbour, HttpStatusCode.NotFound)]
    [InlineData("otherTownship", OtherTownship, HttpStatusCode.NotFound)]
    [InlineData("hubOffPath", HubOffPath, HttpStatusCode.NotFound)]
    [InlineData("hubOnPath", Seller, HttpStatusCode.NotFound)]
    [InlineData("owner", Seller, HttpStatusCode.NotFound)]
    [InlineData("seller", Buyer, HttpStatusCode.NotFound)]
    [InlineData("otherTownship", Seller, HttpStatusCode.NotFound)]
    [InlineData("hubOffPath", HubOnPath, HttpStatusCode.NotFound)]
    public async Task Scan_IsForTheKeyOfANodeOnThePath_AtItsOwnNode(string caller, string nodeId, HttpStatusCode expected)
    {
        foreach (var (scanEvent, code) in new[] { ("arrive", (string?)null), ("pickup", scenario.PickupCode) })
        {
            var response = await scenario.Callers[caller].Post($"shipments/{scenario.ShipmentId}/scans", new { @event = scanEvent, nodeId, pickupCode = code }, Headers.Idempotency());
            Assert.True(expected == response.Status, $"{scanEvent}: {response}");
            AssertShows(response, pickupCode: false);
        }
        var tracking = await scenario.County().Get($"orders/{scenario.OrderId}/tracking");
        Assert.Equal("routed", tracking.Json["shipments"]![0]!["status"]!.GetValue<string>());
        Assert.Empty(tracking.Json["shipments"]![0]!["events"]!.AsArray());
    }

    [Theory]
    [InlineData("none", Seller, HttpStatusCode.Unauthorized)]
    [InlineData("unknown", Seller, HttpStatusCode.Unauthorized)]
    [InlineData("revoked", Buyer, HttpStatusCode.Unauthorized)]
    [InlineData("seller", Seller, HttpStatusCode.OK)]
    [InlineData("hubOnPath", HubOnPath, HttpStatusCode.OK)]
    [InlineData("hubOffPath", HubOffPath, HttpStatusCode.OK)]
    [InlineData("county", Seller, HttpStatusCode.OK)]
    [InlineData("bootstrap", HubOnPath, HttpStatusCode.OK)]
    [InlineData("seller", TestData.HubA, HttpStatusCode.NotFound)]
    [InlineData("owner", Seller, HttpStatusCode.NotFound)]
    [InlineData("buyersNeighbour", Buyer, HttpStatusCode.NotFound)]
    [InlineData("otherTownship", Seller, HttpStatusCode.NotFound)]
    [InlineData("hubOnPath", TestData.HubA, HttpStatusCode.NotFound)]
    [InlineData("hubOffPath", HubOnPath, HttpStatusCode.NotFound)]
    public async Task Runs_AreForTheKeyOfThatNode_OrTheCounty(string caller, string nodeId, HttpStatusCode expected)
    {
        var response = await scenario.Callers[caller].Get($"runs?nodeId={nodeId}&date={scenario.LegDate}");
        Assert.Equal(expected, response.Status);
        AssertShows(response, pickupCode: false);
        if (nodeId == Seller && expected == HttpStatusCode.OK)
            Assert.Contains(response.Json["items"]!.AsArray(), r => r!["shipmentIds"]!.AsArray().Any(s => s!.GetValue<string>() == scenario.ShipmentId));
    }

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task PatchListing_OnlyOwnerStationAndCounty(string caller)
    {
        var api = caller == "owner" ? scenario.Callers["seller"] : scenario.Callers[caller]; // the listing's owner is the seller
        var response = await api.Patch($"listings/{scenario.ListingId}", new { title = "莲花白莲 500g" }, Headers.IfMatch());
        var expected = caller == "seller" ? HttpStatusCode.OK : Expected(caller);
        Assert.Equal(expected, response.Status);
        AssertShows(response, pickupCode: false);
    }

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task KeysAndUnlockAndNetwork_AreForTheCounty(string caller)
    {
        var api = scenario.Callers[caller];
        var county = Allowed.Contains(caller) && caller != "owner";
        var refused = Unauthenticated.Contains(caller) ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        var create = await api.Post("keys", new { role = "station", scopeId = Seller });
        Assert.Equal(county ? HttpStatusCode.Created : refused, create.Status);
        var victim = await Keys.Issue(scenario.County(), HubOnPath);
        var revoke = await api.Delete($"keys/{victim.KeyId}");
        Assert.Equal(county ? HttpStatusCode.NoContent : refused, revoke.Status);
        Assert.Equal(county ? HttpStatusCode.OK : refused, (await api.Post($"shipments/{scenario.ShipmentId}/unlock", new { })).Status);
        Assert.Equal(Unauthenticated.Contains(caller) ? refused : HttpStatusCode.OK, (await api.Get("network")).Status);
        Assert.Equal(Unauthenticated.Contains(caller) ? refused : HttpStatusCode.OK, (await api.Get($"listings/{scenario.ListingId}")).Status);
    }

    [Fact]
    public async Task CountyKeys_CanRevokeThemselves_ButNotTheBootstrapKey()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.County().Delete("keys/county-bootstrap")).Status);
        var issued = await Keys.Issue(scenario.County(), "county", null);
        var county = issued.Api;
        Assert.Equal(HttpStatusCode.NoContent, (await county.Delete($"keys/{issued.KeyId}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await county.Get("network")).Status);
        Assert.Equal(HttpStatusCode.OK, (await scenario.County().Get("network")).Status);
    }
}
