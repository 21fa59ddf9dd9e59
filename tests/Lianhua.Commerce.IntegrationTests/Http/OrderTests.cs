using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

public sealed class OrderTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private Task<(Api Seller, Api Buyer, string ListingId)> Setup(long stock, long price = 4550) =>
        TestData.SellerBuyerAndListing(host, Bodies.Listing(priceFen: price, stock: stock));

    private static async Task<long> Stock(Api api, string listingId) => (await api.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>();

    [Fact]
    public async Task ParallelReservationsOnOneListing_InOneInstance_TakeTurns_AndNoTransactionFails()
    {
        var (seller, _, listing) = await Setup(stock: 100);
        var counter = new Lianhua.Commerce.Core.Storage.RequestCounter();
        var storage = new Lianhua.Commerce.Core.Storage.CommerceStorage(
            new Lianhua.Commerce.Core.Storage.StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = host.Prefix }, [counter]);
        var store = new Lianhua.Commerce.Core.Listings.Storage.StockStore(storage,
            new Lianhua.Commerce.Core.Storage.EntityCache<Lianhua.Commerce.Core.Listings.Storage.ListingEntity>(e => e.Copy()),
            Lianhua.Commerce.Core.Storage.Contention.Pipeline(TimeProvider.System), TimeProvider.System,
            new Lianhua.Commerce.Core.Storage.Turns(TimeSpan.FromMinutes(1))); // a turn is passed on after 500 ms in production; a slow machine must not make these turns overlap
        var township = Lianhua.Commerce.Core.Listings.Listing.TownshipOf(listing)!;
        var run = Guid.NewGuid().ToString("N")[..8];

        var reserved = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.ReserveAsync(township, $"{TestData.StationB}-turns{run}{i:D2}", TestData.StationB,
            [new Lianhua.Commerce.Core.Orders.RequestedLine(listing, 1)], resume: false, claim: null, DateTimeOffset.MaxValue, default)));

        Assert.All(reserved, r => Assert.Empty(r.Shortages));
        Assert.Equal(1 + 12, counter.Count); // one read of the listing, then one transaction each: none failed on another's ETag
        Assert.Equal(88, await Stock(seller, listing));

        var before = counter.Count;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.ReleaseAllAsync($"{TestData.StationB}-turns{run}{i:D2}", [listing], default)));
        Assert.Equal(12 * 3, counter.Count - before); // each: its reservation read, the listing read, one transaction
        Assert.Equal(100, await Stock(seller, listing));
    }

    [Fact]
    public async Task PlaceOrder_ReservesStock_AndReplayReturnsTheSameResponse()
    {
        var (_, buyer, listingId) = await Setup(stock: 30);
        var key = Headers.Idempotency();
        var first = await buyer.Post("orders", Bodies.Order((listingId, 2)), key);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal("confirmed", first.Json["status"]!.GetValue<string>());
        Assert.Equal(9100, first.Json["totalFen"]!.GetValue<long>());
        Assert.Matches("^[0-9]{6}$", first.Json["pickupCode"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", first.Json["createdAt"]!.GetValue<string>());
        Assert.Equal(28, await Stock(buyer, listingId));

        var replay = await buyer.Post("orders", Bodies.Order((listingId, 2)), key);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(first.Raw, replay.Raw);
        Assert.Equal(28, await Stock(buyer, listingId));

        var different = await buyer.Post("orders", Bodies.Order((listingId, 3)), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.Status);
        Assert.Equal(28, await Stock(buyer, listingId));

        var read = await buyer.Get($"orders/{first.Json["id"]}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(first.Json["pickupCode"]!.GetValue<string>(), read.Json["pickupCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneKey_WithBodiesFromTwoTownships_MakesOneOrder_SequentiallyAndAtOnce()
    {
        // The key's claim sits next to the stock of the order's first township, so two bodies from two townships claim
        // in two places; the key's record, inserted with the order, still lets only one of them commit.
        var (_, buyer, near) = await Setup(stock: 30);
        var otherSeller = await Keys.Of(host, "st-360321205-02");
        var far = await TestData.NewListingId(otherSeller, Bodies.Listing(stock: 30));

        var key = Headers.Idempotency();
        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((near, 1)), key)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await buyer.Post("orders", Bodies.Order((far, 1)), key)).Status);
        Assert.Equal(30, await Stock(buyer, far));

        for (var round = 0; round < 5; round++)
        {
            var both = Headers.Idempotency();
            var answers = await Task.WhenAll(buyer.Post("orders", Bodies.Order((near, 1)), both), buyer.Post("orders", Bodies.Order((far, 1)), both));
            Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
            Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict, a.ToString()));
        }
        var taken = (29 - await Stock(buyer, near)) + (30 - await Stock(buyer, far));
        Assert.Equal(5, taken); // one unit per round, and nothing held by the losers
    }

    [Fact]
    public async Task PlaceOrder_WhenLastUnitsAreTakenConcurrently_ExactlyStockSucceed_TenRounds()
    {
        var seller = await Keys.Of(host, TestData.StationA);
        var buyers = await Task.WhenAll(new[] { TestData.StationB, TestData.StationA2, "st-360321100-01", "st-360321205-02" }.Select(s => Keys.Of(host, s)));
        for (var round = 0; round < 10; round++)
        {
            var listingId = await TestData.NewListingId(seller, Bodies.Listing(stock: 20));
            var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => buyers[i % buyers.Length].Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())));
            Assert.All(responses, r => Assert.True((int)r.Status < 500, r.ToString()));
            Assert.Equal(20, responses.Count(r => r.Status == HttpStatusCode.Created));
            Assert.Equal(44, responses.Count(r => r.Status == HttpStatusCode.Conflict));
            Assert.Equal(0, await Stock(seller, listingId));
        }
    }

    [Fact]
    public async Task PlaceOrder_ConcurrentOrdersOnOneListingWithStock_AllSucceed_ContentionIsRetried()
    {
        var (_, buyer, listingId) = await Setup(stock: 100);
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => buyer.Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency())));
        Assert.All(responses, r => Assert.True(r.Status == HttpStatusCode.Created, r.ToString()));
        Assert.Equal(68, await Stock(buyer, listingId));
    }

    [Fact]
    public async Task PlaceOrder_HeavierThanItsDeliveryPathCarries_Is400_AndReservesNothing()
    {
        var (_, buyer, heavy) = await TestData.SellerBuyerAndListing(host, Bodies.Listing("莲花县综合垦殖场 稻谷 1吨", priceFen: 300_000, stock: 5, category: "rice", unit: "t", unitWeightGrams: 1_000_000));
        var response = await buyer.Post("orders", Bodies.Order((heavy, 1)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("300000", response.Json["errors"]!["lines"]![0]!.GetValue<string>());
        Assert.Equal(5, await Stock(buyer, heavy));
    }

    [Fact]
    public async Task PlaceOrder_HeavierThanThirtyDaysOfRunsIntoTheBuyer_Is400_AndNothingStaysReserved()
    {
        // Every part fits a run of its path (300 kg), but all 31 parts reach the buyer over its one link, whose runs carry
        // 300 kg a day: 31 days of them, one more than routing books ahead. Such an order could never be routed.
        const string buyerStation = "st-360321206-03"; // no other test orders for it: its runs stay free
        var buyer = await Keys.Of(host, buyerStation);
        var network = (await buyer.Get("network")).Json;
        var origins = network["stations"]!.AsArray().Select(s => s!["id"]!.GetValue<string>())
            .Where(id => !id.StartsWith("st-360321206-", StringComparison.Ordinal)).Take(31).ToList();
        var listings = new List<(Api Seller, string Id)>();
        foreach (var origin in origins)
        {
            var seller = await Keys.Of(host, origin);
            listings.Add((seller, await TestData.NewListingId(seller, Bodies.Listing("早稻 30 kg", priceFen: 9_000, stock: 10, category: "rice", unitWeightGrams: 30_000))));
        }

        var refused = await buyer.Post("orders", Bodies.Order(listings.Select(l => (l.Id, 10L)).ToArray()), Headers.Idempotency());

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Contains($"to {buyerStation}", refused.Json["errors"]!["lines"]![0]!.GetValue<string>());
        foreach (var (seller, id) in listings) Assert.Equal(10, await Stock(seller, id));
        var thirty = await buyer.Post("orders", Bodies.Order(listings.Take(30).Select(l => (l.Id, 10L)).ToArray()), Headers.Idempotency());
        Assert.True(thirty.Status == HttpStatusCode.Created, thirty.ToString());
        Assert.Equal(HttpStatusCode.OK, (await buyer.Post($"orders/{thirty.Json["id"]!.GetValue<string>()}/cancel", new { reason = "演示" }, Headers.Idempotency())).Status);
    }

    [Fact]
    public async Task PlaceOrder_WithFiftyLinesFromOneTownship_ReservesEveryLine_AndCancelGivesEveryUnitBack()
    {
        // 50 lines of one township are 100 stock and reservation writes, plus the key's claim: more than one entity group
        // transaction may hold (100 operations).
        var seller = await Keys.Of(host, TestData.StationA);
        var buyer = await Keys.Of(host, TestData.StationB);
        var listings = new List<string>();
        foreach (var i in Enumerable.Range(0, Lianhua.Commerce.Core.Orders.PlaceOrder.MaxLines))
            listings.Add(await TestData.NewListingId(seller, Bodies.Listing($"莲花白莲 {i}", stock: 5)));

        var placed = await buyer.Post("orders", Bodies.Order(listings.Select(l => (l, 2L)).ToArray()), Headers.Idempotency());

        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        Assert.Equal(Lianhua.Commerce.Core.Orders.PlaceOrder.MaxLines, placed.Json["lines"]!.AsArray().Count);
        foreach (var listing in listings) Assert.Equal(3, await Stock(seller, listing));

        var cancelled = await buyer.Post($"orders/{placed.Json["id"]!.GetValue<string>()}/cancel", new { reason = "买错了" }, Headers.Idempotency());
        Assert.True(cancelled.Status == HttpStatusCode.OK, cancelled.ToString());
        foreach (var listing in listings) Assert.Equal(5, await Stock(seller, listing));
    }

    [Fact]
    public async Task PlaceOrder_WhoseLinesAreTooLongToStore_Is400_AndNothingStaysReserved()
    {
        // 200 characters is the most a title may have; 𠀀 (CJK Extension B) is two UTF-16 units and is kept in JSON as
        // \ud840\udc00. 50 such lines do not fit in one string property of the order row (32K characters).
        var seller = await Keys.Of(host, TestData.StationA);
        var buyer = await Keys.Of(host, TestData.StationB);
        var title = string.Concat(Enumerable.Repeat("𠀀", 200));
        var listings = new List<string>();
        foreach (var i in Enumerable.Range(0, Lianhua.Commerce.Core.Orders.PlaceOrder.MaxLines))
            listings.Add(await TestData.NewListingId(seller, Bodies.Listing(title, stock: 5)));
        var key = Headers.Idempotency();

        var refused = await buyer.Post("orders", Bodies.Order(listings.Select(l => (l, 2L)).ToArray()), key);

        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.ToString());
        Assert.Contains("several orders", refused.Json["errors"]!["lines"]![0]!.GetValue<string>());
        foreach (var listing in listings) Assert.Equal(5, await Stock(seller, listing));
        // The key was freed with the stock: the client may send part of the order with it.
        var part = await buyer.Post("orders", Bodies.Order(listings.Take(10).Select(l => (l, 2L)).ToArray()), key);
        Assert.True(part.Status == HttpStatusCode.Created, part.ToString());
        Assert.Equal(3, await Stock(seller, listings[0]));
        Assert.Equal(5, await Stock(seller, listings[10]));
    }

    [Fact]
    public async Task PlaceOrder_WhenOneLineIsShort_Is409WithShortages_AndNothingStaysReserved()
    {
        var (seller, buyer, plenty) = await Setup(stock: 10);
        var sameTownship = await TestData.NewListingId(seller, Bodies.Listing("茶油", stock: 1));
        var otherSeller = await Keys.Of(host, "st-360321200-01");
        var elsewhere = await TestData.NewListingId(otherSeller, Bodies.Listing("大米", stock: 5));
        var response = await buyer.Post("orders", Bodies.Order((plenty, 3), (elsewhere, 2), (sameTownship, 2)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        var shortage = Assert.Single(response.Json["shortages"]!.AsArray())!;
        Assert.Equal(sameTownship, shortage["listingId"]!.GetValue<string>());
        Assert.Equal(2, shortage["requested"]!.GetValue<long>());
        Assert.Equal(1, shortage["available"]!.GetValue<long>());
        Assert.Equal(10, await Stock(buyer, plenty));
        Assert.Equal(5, await Stock(buyer, elsewhere));
        Assert.Equal(1, await Stock(buyer, sameTownship));
    }

    [Fact]
    public async Task SameRequestFiftyTimesConcurrently_MakesOneOrder()
    {
        var (_, buyer, listingId) = await Setup(stock: 100);
        var key = Headers.Idempotency();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => buyer.Post("orders", Bodies.Order((listingId, 1)), key)));
        var created = responses.Where(r => r.Status == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, r.ToString()));
        Assert.Single(created.Select(r => r.Json["id"]!.GetValue<string>()).Distinct());
        Assert.Equal(99, await Stock(buyer, listingId));
        var later = await buyer.Post("orders", Bodies.Order((listingId, 1)), key);
        Assert.Equal("true", later.Header("Idempotent-Replayed"));
        Assert.Equal(created[0].Json["id"]!.GetValue<string>(), later.Json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherStation_ReadingOrCancellingAnOrder_Gets404()
    {
        var (seller, buyer, listingId) = await Setup(stock: 5);
        var order = await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency());
        var id = order.Json["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Get($"orders/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Post($"orders/{id}/cancel", new { reason = "x" }, Headers.Idempotency())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Get($"stations/{TestData.StationB}/orders")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.County().Get($"orders/{id}")).Status);
        Assert.Equal(4, await Stock(buyer, listingId));
    }

    [Fact]
    public async Task Cancel_RestocksExactlyOnce_ReplayIsSafe_SecondCancelIs409()
    {
        var (_, buyer, listingId) = await Setup(stock: 10);
        var order = await buyer.Post("orders", Bodies.Order((listingId, 4)), Headers.Idempotency());
        var id = order.Json["id"]!.GetValue<string>();
        Assert.Equal(6, await Stock(buyer, listingId));
        var key = Headers.Idempotency();
        var cancelled = await buyer.Post($"orders/{id}/cancel", new { reason = "村民改主意了" }, key);
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("cancelled", cancelled.Json["status"]!.GetValue<string>());
        Assert.Equal(10, await Stock(buyer, listingId));
        var replay = await buyer.Post($"orders/{id}/cancel", new { reason = "村民改主意了" }, key);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(cancelled.Raw, replay.Raw);
        Assert.Equal(10, await Stock(buyer, listingId));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await buyer.Post($"orders/{id}/cancel", new { reason = "other" }, key)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await buyer.Post($"orders/{id}/cancel", new { reason = "again" }, Headers.Idempotency())).Status);
        Assert.Equal(10, await Stock(buyer, listingId));
    }

    // LID stands for the test's listing.
    private const string OneLine = """[{"listingId":"LID","quantity":1}]""";

    public static TheoryData<string> BadOrders => new()
    {
        Bodies.OrderJson("[]"),
        Bodies.OrderJson("""[{"listingId":"LID","quantity":0}]"""),
        Bodies.OrderJson("""[{"listingId":"LID","quantity":10001}]"""),
        Bodies.OrderJson("""[{"listingId":"LID","quantity":1},{"listingId":"LID","quantity":1}]"""),
        Bodies.OrderJson(OneLine, phone: "12345"),
        Bodies.OrderJson(OneLine, phone: "23907990000"),
        Bodies.OrderJson(OneLine, name: ""),
        Bodies.OrderJson(OneLine, paymentMethod: "credit"),
        Bodies.OrderJson("""[{"listingId":"LID","quantity":"1"}]"""),
        Bodies.OrderJson("""[{"listingId":"360321101-ffffffffffffffffffffffffffffffff","quantity":1}]"""),
        Bodies.OrderJson("[" + string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"listingId":"360321101-{{i:D32}}","quantity":1}""")) + "]"),
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task PlaceOrder_WithBadInput_Is400_AndReservesNothing(string body)
    {
        var (_, buyer, listingId) = await Setup(stock: 10);
        var response = await buyer.SendRaw(HttpMethod.Post, "orders", body.Replace("LID", listingId), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(10, await Stock(buyer, listingId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("key/with/slash")]
    public async Task PlaceOrder_WithoutValidIdempotencyKey_Is400(string? key)
    {
        var (_, buyer, listingId) = await Setup(stock: 10);
        var headers = key is null ? null : Headers.Idempotency(key);
        var response = await buyer.Post("orders", Bodies.Order((listingId, 1)), headers);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(10, await Stock(buyer, listingId));
        var tooLong = await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency(new string('k', 65)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
    }

    [Fact]
    public async Task StationOrders_AreListedNewestFirst_WithPaging_AndStatusFilter()
    {
        var (_, _, listingId) = await Setup(stock: 100);
        var buyer = await Keys.Of(host, "st-360321203-04");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Json["id"]!.GetValue<string>());
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await buyer.Get("stations/st-360321203-04/orders?pageSize=2" + (token is null ? "" : "&continuationToken=" + token));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Json["items"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
            token = page.Json["continuationToken"]?.GetValue<string>();
        } while (token is not null && seen.Count < 20);
        Assert.Equal(Enumerable.Reverse(ids), seen);
        var cancelled = await buyer.Get("stations/st-360321203-04/orders?status=cancelled");
        Assert.Empty(cancelled.Json["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await buyer.Get("stations/st-360321203-04/orders?status=lost")).Status);
    }

    [Fact]
    public async Task PlacedOrder_IsRoutedByTheQueue()
    {
        var (_, buyer, listingId) = await Setup(stock: 5);
        var id = (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Json["id"]!.GetValue<string>();
        await Eventually.True(async () => (await buyer.Get($"orders/{id}")).Json["status"]!.GetValue<string>() == "routed", 30);
    }

    /// <summary>Another instance changes the listing behind this instance's cached copy (a direct table write stands in for it).</summary>
    private async Task SetStockBehindTheCache(string listingId, long stock)
    {
        var table = host.Storage.Table(Lianhua.Commerce.Core.Storage.TableNames.Listings);
        var township = Lianhua.Commerce.Core.Listings.Listing.TownshipOf(listingId)!;
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(township, listingId)).Value;
        row["Stock"] = stock;
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
    }

    [Fact]
    public async Task PlaceOrder_WithAStaleCachedListing_ReservesAgainstTheStoredStock()
    {
        var (_, buyer, listingId) = await Setup(stock: 10);
        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status); // the instance now holds a copy: 9
        await SetStockBehindTheCache(listingId, 2);

        var tooMany = await buyer.Post("orders", Bodies.Order((listingId, 5)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, tooMany.Status);
        Assert.Equal(2, tooMany.Json["shortages"]![0]!["available"]!.GetValue<long>());
        Assert.Equal(2, await Stock(buyer, listingId));

        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency())).Status);
        Assert.Equal(0, await Stock(buyer, listingId));
    }

    [Fact]
    public async Task PlaceOrder_WhenACachedCopySaysSoldOut_ChecksTheStoredStockBeforeAnsweringShort()
    {
        var (_, buyer, listingId) = await Setup(stock: 1);
        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status); // cached copy: 0
        await SetStockBehindTheCache(listingId, 4);

        var order = await buyer.Post("orders", Bodies.Order((listingId, 3)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Created, order.Status);
        Assert.Equal(1, await Stock(buyer, listingId));
    }
}
