using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Domain rules of listings and of the delivery state machine, held against the contract through LocalHost.</summary>
public sealed class DomainRulesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly NetworkNodes _nodes = new(host);
    private Task<Api> KeyOf(string nodeId) => _nodes.KeyOf(nodeId);
    private Task<JsonNode> Place(string buyer, params (string ListingId, long Quantity)[] lines) => _nodes.Place(buyer, lines);
    private Task<string> NewListing(string seller, long stock = 50, long priceFen = 4550) => _nodes.NewListing(seller, stock, priceFen);
    private Task<JsonNode> Routed(string orderId, string buyer) => _nodes.Routed(orderId, buyer);

    [Fact]
    public async Task OrderWithASameStationShipment_CanBeCancelled_WhileNothingHasDeparted()
    {
        // One line from the ordering station itself (ready for pickup at once), one from a neighbour (routed, not departed).
        var local = await NewListing(TestData.StationA);
        var neighbour = await NewListing(TestData.StationA2);
        var order = await Place(TestData.StationA, (local, 1), (neighbour, 2));
        var orderId = order["id"]!.GetValue<string>();
        var tracking = await Routed(orderId, TestData.StationA);
        Assert.Equal(2, tracking["shipments"]!.AsArray().Count);
        Assert.All(tracking["shipments"]!.AsArray(), s => Assert.Empty(s!["events"]!.AsArray()));
        var cancel = await (await KeyOf(TestData.StationA)).Post($"orders/{orderId}/cancel", new { reason = "不要了" }, Headers.Idempotency());
        Assert.True(cancel.Status == HttpStatusCode.OK, cancel.ToString());
        Assert.Equal("cancelled", cancel.Json["status"]!.GetValue<string>());
        foreach (var id in new[] { local, neighbour })
            Assert.Equal(50, (await host.County().Get($"listings/{id}")).Json["stock"]!.GetValue<long>());
    }

    [Fact]
    public async Task PriceAndTitleChangedAfterAnOrder_TheOrderKeepsWhatItWasPlacedAt()
    {
        var listingId = await NewListing(TestData.StationA2, priceFen: 1000);
        var order = await Place(TestData.StationA, (listingId, 3));
        var seller = await KeyOf(TestData.StationA2);
        var patched = await seller.Patch($"listings/{listingId}", new { priceFen = 2000, title = "新名字" }, Headers.IfMatch());
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var read = await (await KeyOf(TestData.StationA)).Get($"orders/{order["id"]}");
        Assert.Equal(1000, read.Json["lines"]![0]!["unitPriceFen"]!.GetValue<long>());
        Assert.Equal(3000, read.Json["totalFen"]!.GetValue<long>());
        Assert.Equal("莲花白莲 500g", read.Json["lines"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheFieldsSent_AndIgnoresOthers()
    {
        var seller = await KeyOf(TestData.StationA2);
        var created = await seller.Post("listings", Bodies.Listing());
        var id = created.Json["id"]!.GetValue<string>();
        var patched = await seller.Patch($"listings/{id}", new { stock = 7, category = "rice", producers = new[] { new { householdId = "h1", shareBp = 10 } } },
            Headers.IfMatch(created.Header("ETag")!));
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(7, patched.Json["stock"]!.GetValue<long>());
        Assert.Equal("lotus-seed", patched.Json["category"]!.GetValue<string>());
        Assert.Empty(patched.Json["producers"]!.AsArray());
        Assert.Equal(4550, patched.Json["priceFen"]!.GetValue<long>());
        var onlyOthers = await seller.Patch($"listings/{id}", new { category = "rice" }, Headers.IfMatch());
        Assert.Equal(HttpStatusCode.BadRequest, onlyOthers.Status);
        var stale = await seller.Patch($"listings/{id}", new { stock = 8 }, Headers.IfMatch(created.Header("ETag")!));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await seller.Patch($"listings/{id}", new { stock = 1_000_001 }, Headers.IfMatch())).Status);
        Assert.Equal(HttpStatusCode.OK, (await seller.Patch($"listings/{id}", new { stock = 1_000_000 }, Headers.IfMatch())).Status);
    }

    [Theory]
    [InlineData("[{\"householdId\":\"h-1\",\"shareBp\":6000},{\"householdId\":\"h-2\",\"shareBp\":4001}]")]
    [InlineData("[{\"householdId\":\"h-1\",\"shareBp\":100},{\"householdId\":\"h-1\",\"shareBp\":100}]")]
    [InlineData("[{\"householdId\":\"h-1\",\"shareBp\":0}]")]
    [InlineData("[{\"householdId\":\"\",\"shareBp\":10}]")]
    [InlineData("[{\"shareBp\":10}]")]
    [InlineData("[{\"householdId\":\"h-1\"}]")]
    [InlineData("[{\"householdId\":\"h 1\",\"shareBp\":10}]")]
    [InlineData("[null]")]
    [InlineData("[{\"householdId\":\"h0\",\"shareBp\":1},{\"householdId\":\"h1\",\"shareBp\":1},{\"householdId\":\"h2\",\"shareBp\":1},{\"householdId\":\"h3\",\"shareBp\":1},{\"householdId\":\"h4\",\"shareBp\":1},{\"householdId\":\"h5\",\"shareBp\":1},{\"householdId\":\"h6\",\"shareBp\":1},{\"householdId\":\"h7\",\"shareBp\":1},{\"householdId\":\"h8\",\"shareBp\":1},{\"householdId\":\"h9\",\"shareBp\":1},{\"householdId\":\"h10\",\"shareBp\":1}]")]
    public async Task Producers_OutsideTheRules_Are400(string producers)
    {
        var body = Bodies.ListingJson(title: "t", unit: "kg", unitWeightGrams: "1000", producers: producers);
        var response = await (await KeyOf(TestData.StationA2)).SendRaw(HttpMethod.Post, "listings", body);
        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
    }

    [Fact]
    public async Task Producers_TenRegisteredHouseholdsWithSharesAddingUpTo10000_AreKept()
    {
        var producers = new ProducerBody[10];
        for (var i = 0; i < 10; i++) producers[i] = new ProducerBody((await HouseholdData.Register(host, TestData.StationA2))["id"]!.GetValue<string>(), 1000);
        var created = await (await KeyOf(TestData.StationA2)).Post("listings",
            Bodies.Listing("t", priceFen: 100, stock: 1, category: "rice", unit: "kg", unitWeightGrams: 1000, producers: producers));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        Assert.Equal(10, created.Json["producers"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListingQueries_CombineFilters_AndNeverShowReservations()
    {
        var township = "360321102";
        var station = "st-360321102-03";
        var mine = new List<string>();
        for (var i = 0; i < 3; i++) mine.Add(await NewListing(station));
        // Reservations next to those listings (same partition).
        await Place(TestData.StationA, (mine[0], 1), (mine[1], 1));
        var county = host.County();
        async Task<List<JsonNode>> All(string query)
        {
            var items = new List<JsonNode>();
            string? token = null;
            for (var pages = 0; pages < 200; pages++)
            {
                var page = await county.Get($"listings?{query}&pageSize=1" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}"));
                Assert.Equal(HttpStatusCode.OK, page.Status);
                items.AddRange(page.Json["items"]!.AsArray().Select(n => n!));
                token = page.Json["continuationToken"]?.GetValue<string>();
                if (token is null) return items;
            }
            throw new Xunit.Sdk.XunitException("paging never ended");
        }
        var byStation = await All($"stationId={station}");
        Assert.Equal(mine.Order(), byStation.Select(l => l["id"]!.GetValue<string>()).Order());
        Assert.Equal(mine.Order(), (await All($"townshipCode={township}&stationId={station}&category=lotus-seed")).Select(l => l["id"]!.GetValue<string>()).Order());
        Assert.Empty(await All($"townshipCode={TestData.TownshipA}&stationId={station}"));
        Assert.Empty(await All($"stationId={station}&category=rice"));
        var inTownship = await All($"townshipCode={township}");
        Assert.All(inTownship, l => Assert.Equal(township, l["townshipCode"]!.GetValue<string>()));
        Assert.All(inTownship, l => Assert.False(l["id"]!.GetValue<string>().StartsWith('~')));
        var countyWide = await All("category=lotus-seed");
        Assert.All(countyWide, l => Assert.False(l["id"]!.GetValue<string>().StartsWith('~')));
        Assert.Subset(countyWide.Select(l => l["id"]!.GetValue<string>()).ToHashSet(), mine.ToHashSet());
    }
}

public sealed class DomainRulesDeliveryTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly NetworkNodes _nodes = new(host);
    private Task<Api> KeyOf(string nodeId) => _nodes.KeyOf(nodeId);
    private Task<JsonNode> Place(string buyer, params (string ListingId, long Quantity)[] lines) => _nodes.Place(buyer, lines);
    private Task<string> NewListing(string seller, long stock = 50) => _nodes.NewListing(seller, stock);
    private Task<JsonNode> Routed(string orderId, string buyer) => _nodes.Routed(orderId, buyer);
    private Task<ApiResponse> Scan(string shipmentId, string scanEvent, string nodeId, string? code = null) => _nodes.Scan(shipmentId, scanEvent, nodeId, code);

    [Fact]
    public async Task CancelAtTheStockMaximum_GivesEveryUnitBack_AndTheListingStillFitsItsSchema()
    {
        var listingId = await NewListing(TestData.StationA2, stock: 1_000_000);
        var order = await Place(TestData.StationA, (listingId, 10));
        var seller = await KeyOf(TestData.StationA2);
        Assert.Equal(HttpStatusCode.OK, (await seller.Patch($"listings/{listingId}", new { stock = 1_000_000 }, Headers.IfMatch())).Status);
        var cancel = await (await KeyOf(TestData.StationA)).Post($"orders/{order["id"]}/cancel", new { reason = "不要了" }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        var read = await seller.Get($"listings/{listingId}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(1_000_010, read.Json["stock"]!.GetValue<long>());
        // Other fields can still be changed; the stock itself only within the limit.
        Assert.Equal(HttpStatusCode.OK, (await seller.Patch($"listings/{listingId}", new { priceFen = 10 }, Headers.IfMatch())).Status);
    }

    [Fact]
    public async Task MultiShipmentOrder_RollsUpFromItsShipments_AndCancelAfterOneDeparted_Is409()
    {
        // The buyer's own listing (no legs), one of its township, one of another township.
        var own = await NewListing(TestData.StationA2);
        var near = await NewListing(TestData.StationA);
        var far = await NewListing("st-360321200-01");
        var order = await Place(TestData.StationA2, (own, 1), (near, 1), (far, 1));
        var orderId = order["id"]!.GetValue<string>();
        var code = order["pickupCode"]!.GetValue<string>();
        var shipments = (await Routed(orderId, TestData.StationA2))["shipments"]!.AsArray();
        Assert.Equal(3, shipments.Count);
        string IdFrom(string origin) => shipments.Single(s => s!["originStationId"]!.GetValue<string>() == origin)!["id"]!.GetValue<string>();
        var buyer = await KeyOf(TestData.StationA2);
        async Task<string> Status() => (await buyer.Get($"orders/{orderId}/tracking")).Json["status"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await Scan(IdFrom(TestData.StationA), "depart", TestData.StationA)).Status);
        Assert.Equal("in_transit", await Status());
        var cancel = await buyer.Post($"orders/{orderId}/cancel", new { reason = "x" }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, cancel.Status);
        Assert.Equal(49, (await buyer.Get($"listings/{far}")).Json["stock"]!.GetValue<long>());

        // Picking up the own shipment delivers it alone; the order waits for the others.
        Assert.Equal(HttpStatusCode.OK, (await Scan(IdFrom(TestData.StationA2), "pickup", TestData.StationA2, code)).Status);
        Assert.Equal("in_transit", await Status());
        Assert.Equal(HttpStatusCode.OK, (await Scan(IdFrom(TestData.StationA), "arrive", TestData.HubA)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Scan(IdFrom(TestData.StationA), "depart", TestData.HubA)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Scan(IdFrom(TestData.StationA), "arrive", TestData.StationA2)).Status);
        Assert.Equal("in_transit", await Status()); // the far shipment has not moved
        var farId = IdFrom("st-360321200-01");
        var farShipment = shipments.Single(s => s!["id"]!.GetValue<string>() == farId)!;
        var nodes = new[] { "st-360321200-01" }.Concat(farShipment["legs"]!.AsArray().Select(l => l!["to"]!.GetValue<string>())).ToArray();
        foreach (var leg in farShipment["legs"]!.AsArray())
        {
            // Every node's loading list of the leg's day: runs leaving or reaching it, this shipment on the leg's run.
            foreach (var node in new[] { leg!["from"]!.GetValue<string>(), leg["to"]!.GetValue<string>() })
            {
                var runs = await host.County().Get($"runs?nodeId={node}&date={leg["date"]}");
                Assert.Equal(HttpStatusCode.OK, runs.Status);
                Assert.Null(runs.Json["continuationToken"]);
                var items = runs.Json["items"]!.AsArray();
                Assert.All(items, r => Assert.True(r!["from"]!.GetValue<string>() == node || r["to"]!.GetValue<string>() == node));
                Assert.All(items, r => Assert.Equal(leg["date"]!.GetValue<string>(), r!["date"]!.GetValue<string>()));
                Assert.All(items, r => Assert.InRange(r!["loadGrams"]!.GetValue<long>(), 0, r["capacityGrams"]!.GetValue<long>()));
                var run = items.Single(r => r!["id"]!.GetValue<string>() == leg["runId"]!.GetValue<string>())!;
                Assert.Contains(farId, run["shipmentIds"]!.AsArray().Select(x => x!.GetValue<string>()));
            }
        }
        for (var i = 0; i + 1 < nodes.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Scan(farId, "depart", nodes[i])).Status);
            Assert.Equal(HttpStatusCode.OK, (await Scan(farId, "arrive", nodes[i + 1])).Status);
        }
        Assert.Equal("ready_for_pickup", await Status());
        Assert.Equal(HttpStatusCode.OK, (await Scan(IdFrom(TestData.StationA), "pickup", TestData.StationA2, code)).Status);
        Assert.Equal("ready_for_pickup", await Status());
        Assert.Equal(HttpStatusCode.OK, (await Scan(farId, "pickup", TestData.StationA2, code)).Status);
        var final = (await buyer.Get($"orders/{orderId}/tracking")).Json;
        Assert.Equal("delivered", final["status"]!.GetValue<string>());
        Assert.Equal("delivered", (await buyer.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());
        var far2 = final["shipments"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == farId)!;
        Assert.All(far2["legs"]!.AsArray(), l => Assert.Equal("arrived", l!["status"]!.GetValue<string>()));
        Assert.Equal(2 * (nodes.Length - 1) + 1, far2["events"]!.AsArray().Count);
        Assert.Single(final["shipments"]!.AsArray().Single(s => s!["originStationId"]!.GetValue<string>() == TestData.StationA2)!["events"]!.AsArray());
    }
}
