using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Three instances on one storage account, as Azure scales the app out: each keeps its own copies of listings, runs,
/// station keys and the network, its own turns, and its own queue listeners. Whatever instance a request or a queue
/// message lands on, the stored outcome is the one a single instance would give.
/// </summary>
public sealed class MultiInstanceTests(ShortLeaseMultiHost hosts) : IClassFixture<ShortLeaseMultiHost>
{
    /// <summary>The same key, sent to another instance.</summary>
    private static Api On(LocalHostFixture host, Api issued) => host.Client(issued.Key);

    /// <summary>
    /// Places until the answer is final, as a client does: a 409 with Retry-After (busy, in flight) is sent again with the
    /// same key. Returns the final answer; never a 5xx.
    /// </summary>
    private static async Task<ApiResponse> PlaceUntilFinal(Api buyer, object body, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await buyer.Post("orders", body, Headers.Idempotency(key));
            Assert.True((int)response.Status < 500, response.ToString());
            if (response.Status != HttpStatusCode.Conflict || response.Header("Retry-After") is null) return response;
            Assert.True(attempt < 60, "still busy after 60 tries: " + response);
            await Task.Delay(Random.Shared.Next(200, 600));
        }
    }

    private async Task<List<JsonNode>> OrdersOf(string listingId, params string[] stations)
    {
        var found = new List<JsonNode>();
        foreach (var station in stations)
        {
            var page = await hosts[0].County().Get($"stations/{station}/orders?pageSize=100");
            found.AddRange(page.Json["items"]!.AsArray().Where(o => o!["lines"]!.AsArray().Any(l => l!["listingId"]!.GetValue<string>() == listingId))!);
        }
        return found;
    }

    [Fact]
    public async Task AHotListing_OrderedThroughThreeInstancesAtOnce_SellsExactlyItsStock_AndEveryOrderIsRoutedOnce()
    {
        var seller = await Keys.Of(hosts[0], TestData.StationA);
        var listingId = await TestData.NewListingId(seller, Bodies.Listing(stock: 20));
        string[] stations = [TestData.StationB, "st-360321204-02", "st-360321102-03", TestData.StationA2];
        var keys = new List<Api>();
        foreach (var station in stations) keys.Add(await Keys.Of(hosts[0], station));

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            PlaceUntilFinal(On(hosts[i % MultiHostFixture.Count], keys[i % keys.Count]), Bodies.Order((listingId, 1)), Guid.NewGuid().ToString("N"))));

        var placed = answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Json["id"]!.GetValue<string>()).ToList();
        Assert.Equal(20, placed.Count);
        Assert.Equal(20, placed.Distinct().Count());
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal(0, a.Json["shortages"]![0]!["available"]!.GetValue<long>());
        });
        foreach (var host in hosts.Hosts) Assert.Equal(0, (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        var (stock, reserved, reservations) = await StorageInvariants.StockAndReservations(hosts[0].Storage, listingId);
        Assert.Equal((0, 20, 20), (stock, reserved, reservations));
        Assert.Equal(placed.Order(), (await OrdersOf(listingId, stations)).Select(o => o["id"]!.GetValue<string>()).Order());

        await Eventually.True(async () => (await OrdersOf(listingId, stations)).All(o => o["status"]!.GetValue<string>() == "routed"), 60, "not every order was routed");
        var bookings = await StorageInvariants.RunsMatchBookings(hosts[0].Storage);
        foreach (var orderId in placed)
        {
            var tracking = await hosts[1].County().Get($"orders/{orderId}/tracking");
            var shipment = Assert.Single(tracking.Json["shipments"]!.AsArray())!;
            var legs = shipment["legs"]!.AsArray().Select(l => $"{l!["from"]} → {l["date"]!.GetValue<string>().Replace("-", "")}_{l["to"]}").Order();
            Assert.Equal(legs, bookings[shipment["id"]!.GetValue<string>()].Order()); // each leg booked once, on the run the order shows
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AKeyRevokedOnOneInstance_WhileAnotherPlacesWithIt_AndThatPlacementDies_NoOrderCommitsAfterTheRevocation(bool keyCopied)
    {
        var (a, b) = (hosts[0], hosts[1]);
        var seller = await Keys.Of(a, TestData.StationA);
        var listingId = await TestData.NewListingId(seller, Bodies.Listing(stock: 10));
        var issued = await Keys.Issue(a.County(), TestData.StationB);
        var buyerOnB = On(b, issued.Api);
        if (keyCopied) Assert.Equal(HttpStatusCode.Created, (await buyerOnB.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status); // B copies the key
        var before = (await OrdersOf(listingId, TestData.StationB)).Count;
        var stockBefore = (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>();

        // B's reservation (it claims the key) is held back until A has revoked the key; then B "dies" before its commit.
        b.Faults.Add(new("reservation held back", FaultFlow.Batch(b.Prefix + "Listings"), AfterSend: false, Skip: 0, Stall: TimeSpan.FromMilliseconds(1500)));
        b.Faults.Add(new("commit", FaultFlow.Batch(b.Prefix + "Orders"), AfterSend: false, Skip: 0));
        try
        {
            var placing = buyerOnB.Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency());
            await Task.Delay(300);
            Assert.Equal(HttpStatusCode.NoContent, (await a.County().Delete($"keys/{issued.KeyId}")).Status);
            var revokedAt = DateTimeOffset.UtcNow;
            var first = await placing;
            Assert.Equal(0, b.Faults.Remaining);
            Assert.Equal(HttpStatusCode.InternalServerError, first.Status);

            // Recovery (a router on any instance, after the 2 s lease) must not commit it: the key was revoked before its claim.
            await Eventually.True(async () => (await StorageInvariants.StockAndReservations(a.Storage, listingId)).Stock == stockBefore
                || (await OrdersOf(listingId, TestData.StationB)).Count > before, 30, "recovery never finished the placement");
            await Task.Delay(500);
            Assert.Equal(before, (await OrdersOf(listingId, TestData.StationB)).Count);
            Assert.Equal(stockBefore, (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
            Assert.True(DateTimeOffset.UtcNow > revokedAt);
        }
        finally
        {
            b.Faults.Clear();
        }
    }

    [Fact]
    public async Task AListingPatchedOnOneInstance_WhileAnotherHoldsACopy_OrdersTakeTheNewStockAndPrice()
    {
        var (a, b) = (hosts[0], hosts[1]);
        var (seller, buyer, listingId) = await TestData.SellerBuyerAndListing(a, Bodies.Listing(priceFen: 4550, stock: 10));
        var buyerOnB = On(b, buyer);
        Assert.Equal(HttpStatusCode.Created, (await buyerOnB.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status); // B's copy: 9 at 4550

        var patched = await seller.Patch($"listings/{listingId}", new { priceFen = 5000, stock = 2 }, Headers.IfMatch());
        Assert.Equal(HttpStatusCode.OK, patched.Status);

        var tooMany = await buyerOnB.Post("orders", Bodies.Order((listingId, 3)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, tooMany.Status);
        Assert.Equal(2, tooMany.Json["shortages"]![0]!["available"]!.GetValue<long>());
        var order = await buyerOnB.Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Created, order.Status);
        Assert.Equal(5000, order.Json["lines"]![0]!["unitPriceFen"]!.GetValue<long>());
        Assert.Equal(0, (await On(hosts[2], seller).Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
    }

    [Fact]
    public async Task PricesPatchedOnOneInstance_WhileTwoOthersTakeOrders_EachOrderHasThePriceInForceWhenItCommitted()
    {
        var (seller, buyer, listingId) = await TestData.SellerBuyerAndListing(hosts[0], Bodies.Listing(priceFen: 1000, stock: 1000));
        var orders = new ConcurrentBag<(DateTime Sent, DateTime Answered, long Price)>();
        var patches = new List<(DateTime Sent, DateTime Answered, long Price)>();
        using var stop = new CancellationTokenSource();
        var buying = Enumerable.Range(1, 2).Select(i => Task.Run(async () =>
        {
            var client = On(hosts[i], buyer);
            while (!stop.IsCancellationRequested)
            {
                var sent = DateTime.UtcNow;
                var order = await PlaceUntilFinal(client, Bodies.Order((listingId, 1)), Guid.NewGuid().ToString("N"));
                Assert.Equal(HttpStatusCode.Created, order.Status);
                orders.Add((sent, DateTime.UtcNow, order.Json["lines"]![0]!["unitPriceFen"]!.GetValue<long>()));
            }
        })).ToList();
        for (var price = 1001; price <= 1010; price++)
        {
            await Task.Delay(80);
            var sent = DateTime.UtcNow;
            var patch = await seller.Patch($"listings/{listingId}", new { priceFen = price }, Headers.IfMatch());
            Assert.Equal(HttpStatusCode.OK, patch.Status);
            patches.Add((sent, DateTime.UtcNow, price));
        }
        await Task.Delay(200);
        stop.Cancel();
        await Task.WhenAll(buying);

        // Prices only rise: an order sent after a patch was answered has at least its price, one answered before it was sent less.
        foreach (var (sent, answered, price) in orders)
        foreach (var patch in patches)
        {
            if (sent > patch.Answered) Assert.True(price >= patch.Price, $"an order sent after the patch to {patch.Price} has {price}");
            if (answered < patch.Sent) Assert.True(price < patch.Price, $"an order answered before the patch to {patch.Price} has {price}");
        }
        Assert.Contains(orders, o => o.Price == 1010);
        var (stock, reserved, count) = await StorageInvariants.StockAndReservations(hosts[0].Storage, listingId);
        Assert.Equal((1000 - orders.Count, orders.Count, orders.Count), (stock, reserved, count));
    }

    [Fact]
    public async Task OrdersCancelledOnOneInstance_WhileOthersRouteThem_HoldNoRunAndNoStock()
    {
        var (_, buyer, listingId) = await TestData.SellerBuyerAndListing(hosts[0], Bodies.Listing(stock: 50), buyer: "st-360321204-03");
        var routers = hosts.Hosts.Select(h => h.App.Services.GetRequiredService<Lianhua.Commerce.Core.Orders.OrderRouter>()).ToList();

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var placed = await On(hosts[i % 3], buyer).Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency());
            Assert.Equal(HttpStatusCode.Created, placed.Status);
            var id = placed.Json["id"]!.GetValue<string>();
            var message = new Lianhua.Commerce.Core.Orders.OrderToRoute(id, "st-360321204-03", null);
            // Routing on the two other instances (besides the queue's own deliveries) while the third cancels.
            var routing = Task.WhenAll(routers.Where((_, r) => r != i % 3).Select(r => Task.Run(() => r.HandleAsync(message, default))));
            var cancelKey = Headers.Idempotency();
            var cancelled = await PlaceUntilFinalCancel(On(hosts[i % 3], buyer), id, cancelKey);
            await routing;
            Assert.Equal(HttpStatusCode.OK, cancelled.Status);
            return id;
        }));

        foreach (var id in ids) Assert.Equal("cancelled", (await On(hosts[1], buyer).Get($"orders/{id}")).Json["status"]!.GetValue<string>());
        await Eventually.True(async () =>
        {
            var bookings = await StorageInvariants.RunsMatchBookings(hosts[0].Storage);
            return ids.All(id => !bookings.Any(b => b.Key!.StartsWith(id)));
        }, 20, "a cancelled order still holds a run");
        await Task.Delay(1500); // the queue's deliveries of the placements' and cancels' messages come and go
        var after = await StorageInvariants.RunsMatchBookings(hosts[0].Storage);
        Assert.DoesNotContain(after, b => ids.Any(id => b.Key!.StartsWith(id)));
        Assert.Equal((50, 0, 0), await StorageInvariants.StockAndReservations(hosts[0].Storage, listingId));
    }

    /// <summary>Cancels until the answer is final: a 409 with Retry-After (the order changed meanwhile: routed) is sent again.</summary>
    private static async Task<ApiResponse> PlaceUntilFinalCancel(Api buyer, string orderId, Dictionary<string, string> key)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await buyer.Post($"orders/{orderId}/cancel", new { reason = "村民改主意了" }, key);
            Assert.True((int)response.Status < 500, response.ToString());
            if (response.Status != HttpStatusCode.Conflict || response.Header("Retry-After") is null) return response;
            Assert.True(attempt < 30, "still conflicting after 30 tries: " + response);
            await Task.Delay(Random.Shared.Next(50, 200));
        }
    }

    [Fact]
    public async Task HeavyOrdersRoutedByThreeInstances_FillRunsToCapacityAndNoFurther()
    {
        // 50 kg shipments on 300 kg station links: six a day, routed by whichever instance gets the message, from its copies.
        var (_, buyer, listingId) = await TestData.SellerBuyerAndListing(hosts[0],
            Bodies.Listing("莲花大米 50kg", priceFen: 30000, stock: 100, category: "rice", unitWeightGrams: 50_000), "st-360321102-05", "st-360321205-02");
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var placed = await PlaceUntilFinal(On(hosts[i % 3], buyer), Bodies.Order((listingId, 1)), Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.Created, placed.Status);
            return placed.Json["id"]!.GetValue<string>();
        }));
        await Eventually.True(async () =>
        {
            foreach (var id in ids)
                if ((await hosts[0].County().Get($"orders/{id}")).Json["status"]!.GetValue<string>() != "routed") return false;
            return true;
        }, 60, "not every order was routed");
        var bookings = await StorageInvariants.RunsMatchBookings(hosts[0].Storage);
        var firstLegs = ids.Select(id => bookings[id + "-01"].Single(b => b.StartsWith("st-360321102-05 → "))).ToList();
        Assert.Equal([6, 6, 6, 2], firstLegs.GroupBy(r => r).Select(g => g.Count()).OrderDescending().ToArray());
    }

    [Theory]
    [InlineData("buyer")]
    [InlineData("seller")]
    public async Task AStationRemovedFromTheNetworkOnOneInstance_AnOrderToOrFromItAnswers400_AndHoldsNoStock(string removed)
    {
        var (a, b) = (hosts[0], hosts[1]);
        var (sellerStation, buyerStation) = removed == "buyer" ? ("st-360321104-02", "st-360321206-03") : ("st-360321206-04", "st-360321104-04");
        var gone = removed == "buyer" ? buyerStation : sellerStation;
        // The keys are issued while both stations are in the network; keys outlive a station.
        var (seller, buyer, listingId) = await TestData.SellerBuyerAndListing(a, Bodies.Listing(stock: 10), sellerStation, buyerStation);

        var original = (await a.County().Get("network")).Json;
        var edited = JsonNode.Parse(original.ToJsonString())!;
        var stations = edited["stations"]!.AsArray();
        stations.Remove(stations.Single(st => st!["id"]!.GetValue<string>() == gone));
        var links = edited["links"]!.AsArray();
        foreach (var link in links.Where(l => l!["from"]!.GetValue<string>() == gone || l!["to"]!.GetValue<string>() == gone).ToList()) links.Remove(link);
        Assert.Equal(HttpStatusCode.OK, (await b.County().Put("network", edited)).Status);
        try
        {
            // Instance B replaced the network; it places with the network it now has.
            var key = Guid.NewGuid().ToString("N");
            var order = await On(b, buyer).Post("orders", Bodies.Order((listingId, 3)), Headers.Idempotency(key));
            Assert.Equal(HttpStatusCode.BadRequest, order.Status);
            Assert.Equal(10, (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
            Assert.Equal((10, 0, 0), await StorageInvariants.StockAndReservations(a.Storage, listingId));
            var replay = await On(b, buyer).Post("orders", Bodies.Order((listingId, 3)), Headers.Idempotency(key)); // the key is free, not held by a stuck claim
            Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
            await Task.Delay(3000); // past the lease: recovery finds nothing to take over
            Assert.Equal((10, 0, 0), await StorageInvariants.StockAndReservations(a.Storage, listingId));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await b.County().Put("network", original)).Status);
        }
    }

    [Theory]
    [InlineData("Listings", false)]
    [InlineData("Orders", false)]
    [InlineData("Orders", true)]
    public async Task APlacementThatDiesOnOneInstance_IsFinishedByAReplayOnAnother_OneOrderRoutedOnce(string table, bool responseLost)
    {
        var (a, b) = (hosts[0], hosts[1]);
        var (_, buyer, listingId) = await TestData.SellerBuyerAndListing(a, Bodies.Listing(stock: 10), buyer: "st-360321207-02");
        var key = Guid.NewGuid().ToString("N");
        a.Faults.Add(new("dies", FaultFlow.Batch(a.Prefix + table), responseLost, Skip: 0));
        var first = await On(a, buyer).Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency(key));
        Assert.Equal(0, a.Faults.Remaining);
        a.Faults.Clear();
        Assert.True(first.Status is HttpStatusCode.InternalServerError or HttpStatusCode.Conflict, first.ToString());

        var replay = await PlaceUntilFinal(On(b, buyer), Bodies.Order((listingId, 2)), key);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        var orderId = replay.Json["id"]!.GetValue<string>();
        Assert.Equal(replay.Raw, (await PlaceUntilFinal(On(hosts[2], buyer), Bodies.Order((listingId, 2)), key)).Raw);
        Assert.Equal([orderId], (await OrdersOf(listingId, "st-360321207-02")).Select(o => o["id"]!.GetValue<string>()));
        Assert.Equal((8, 2, 1), await StorageInvariants.StockAndReservations(hosts[2].Storage, listingId));
        await Eventually.True(async () => (await On(hosts[2], buyer).Get($"orders/{orderId}")).Json["status"]!.GetValue<string>() == "routed", 30, "never routed");
        var bookings = await StorageInvariants.RunsMatchBookings(a.Storage);
        Assert.Equal(4, bookings[orderId + "-01"].Count());
    }
}
