using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Domain rules of listings and of the delivery state machine, held against the contract through LocalHost.</summary>
public sealed class DomainRulesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly Dictionary<string, Api> _keys = new();

    private async Task<Api> KeyOf(string nodeId)
    {
        if (_keys.TryGetValue(nodeId, out var api)) return api;
        var role = nodeId.StartsWith("st-") ? "station" : "hub";
        var issued = await host.County().Post("keys", new { role, scopeId = nodeId });
        return _keys[nodeId] = host.Client(issued.Json["key"]!.GetValue<string>());
    }

    private static Dictionary<string, string> Key() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") };

    private async Task<ApiResponse> Place(string buyer, params (string ListingId, long Quantity)[] lines) =>
        await (await KeyOf(buyer)).Post("orders", new
        {
            lines = lines.Select(l => new { listingId = l.ListingId, quantity = l.Quantity }).ToArray(),
            recipient = new { name = "王芳", phone = "13907990000" }, paymentMethod = "cod",
        }, Key());

    private async Task<string> NewListing(string seller, long stock = 50, long priceFen = 4550) =>
        (await TestData.CreateListing(await KeyOf(seller), TestData.Listing(stock: stock, priceFen: priceFen)))["id"]!.GetValue<string>();

    private async Task<JsonNode> Routed(string orderId, string buyer)
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

    [Fact]
    public async Task OrderWithASameStationShipment_CanBeCancelled_WhileNothingHasDeparted()
    {
        // One line from the ordering station itself (ready for pickup at once), one from a neighbour (routed, not departed).
        var local = await NewListing(TestData.StationA);
        var neighbour = await NewListing(TestData.StationA2);
        var order = await Place(TestData.StationA, (local, 1), (neighbour, 2));
        Assert.Equal(HttpStatusCode.Created, order.Status);
        var orderId = order.Json["id"]!.GetValue<string>();
        var tracking = await Routed(orderId, TestData.StationA);
        Assert.Equal(2, tracking["shipments"]!.AsArray().Count);
        Assert.All(tracking["shipments"]!.AsArray(), s => Assert.Empty(s!["events"]!.AsArray()));
        var cancel = await (await KeyOf(TestData.StationA)).Post($"orders/{orderId}/cancel", new { reason = "不要了" }, Key());
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
        Assert.Equal(HttpStatusCode.Created, order.Status);
        var seller = await KeyOf(TestData.StationA2);
        var patched = await seller.Patch($"listings/{listingId}", new { priceFen = 2000, title = "新名字" }, new Dictionary<string, string> { ["If-Match"] = "*" });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var read = await (await KeyOf(TestData.StationA)).Get($"orders/{order.Json["id"]}");
        Assert.Equal(1000, read.Json["lines"]![0]!["unitPriceFen"]!.GetValue<long>());
        Assert.Equal(3000, read.Json["totalFen"]!.GetValue<long>());
        Assert.Equal("莲花白莲 500g", read.Json["lines"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheFieldsSent_AndIgnoresOthers()
    {
        var seller = await KeyOf(TestData.StationA2);
        var created = await seller.Post("listings", TestData.Listing());
        var id = created.Json["id"]!.GetValue<string>();
        var patched = await seller.Patch($"listings/{id}", new { stock = 7, category = "rice", producers = new[] { new { householdId = "h1", shareBp = 10 } } },
            new Dictionary<string, string> { ["If-Match"] = created.Header("ETag")! });
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(7, patched.Json["stock"]!.GetValue<long>());
        Assert.Equal("lotus-seed", patched.Json["category"]!.GetValue<string>());
        Assert.Empty(patched.Json["producers"]!.AsArray());
        Assert.Equal(4550, patched.Json["priceFen"]!.GetValue<long>());
        var onlyOthers = await seller.Patch($"listings/{id}", new { category = "rice" }, new Dictionary<string, string> { ["If-Match"] = "*" });
        Assert.Equal(HttpStatusCode.BadRequest, onlyOthers.Status);
        var stale = await seller.Patch($"listings/{id}", new { stock = 8 }, new Dictionary<string, string> { ["If-Match"] = created.Header("ETag")! });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await seller.Patch($"listings/{id}", new { stock = 1_000_001 }, new Dictionary<string, string> { ["If-Match"] = "*" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await seller.Patch($"listings/{id}", new { stock = 1_000_000 }, new Dictionary<string, string> { ["If-Match"] = "*" })).Status);
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
        var body = "{\"title\":\"t\",\"category\":\"rice\",\"unit\":\"kg\",\"unitWeightGrams\":1000,\"priceFen\":100,\"stock\":1,\"producers\":" + producers + "}";
        var response = await (await KeyOf(TestData.StationA2)).SendRaw(HttpMethod.Post, "listings", body);
        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
    }

    [Fact]
    public async Task Producers_TenSharesAddingUpTo10000_AreKept()
    {
        var producers = Enumerable.Range(0, 10).Select(i => new { householdId = $"hh-{i}", shareBp = 1000 }).ToArray();
        var created = await (await KeyOf(TestData.StationA2)).Post("listings", new
        {
            title = "t", category = "rice", unit = "kg", unitWeightGrams = 1000, priceFen = 100, stock = 1, producers,
        });
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
        Assert.Equal(HttpStatusCode.Created, (await Place(TestData.StationA, (mine[0], 1), (mine[1], 1))).Status);
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
