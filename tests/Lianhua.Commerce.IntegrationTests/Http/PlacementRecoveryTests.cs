using System.Net;
using Azure.Core;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// The process "dies" (an injected fault stops the request) or a response is lost at each storage step of a placement:
/// afterwards no stock is lost, no half order is visible, recovery finishes or undoes it, and a replay gets the final answer.
/// </summary>
public sealed class PlacementRecoveryTests(ShortLeaseHost host) : IClassFixture<ShortLeaseHost>
{
    private readonly bool _noLeftoverFaults = host.ClearFaults();

    // The storage calls of a placement, in order: send orders-placed, read the listing, reserve the stock and claim the key
    // (one transaction), commit.
    public static TheoryData<string, bool> Steps => new()
    {
        { "send", false }, { "send", true },
        { "read", false },
        { "reserve", false }, { "reserve", true },
        { "commit", false }, { "commit", true },
    };

    private static Func<HttpMessage, bool> Step(string step, string prefix) => step switch
    {
        "send" => FaultFlow.Send($"{prefix}-orders-placed"),
        "read" => m => m.Request.Method == RequestMethod.Get && m.Request.Uri.Path.Contains($"/{prefix}Listings(") && !m.Request.Uri.Path.Contains("~"),
        "reserve" => FaultFlow.Batch($"{prefix}Listings"),
        "commit" => FaultFlow.Batch($"{prefix}Orders"),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>A buyer station's key and a listing of another station with this much stock.</summary>
    private async Task<(Api Buyer, string ListingId)> BuyerAndListing(long stock)
    {
        var (_, buyer, listingId) = await TestData.SellerBuyerAndListing(host, Bodies.Listing(stock: stock));
        return (buyer, listingId);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task PlacementInterruptedAtAStep_EndsWithStockAndOrderConsistent_AndReplayGetsTheFinalAnswer(string step, bool responseLost)
    {
        var (buyer, listingId) = await BuyerAndListing(stock: 10);
        var key = Headers.Idempotency();
        var body = Bodies.Order((listingId, 3)) with { PaymentMethod = "prepaid" };

        host.Faults.Add(new($"{step} fault", Step(step, host.Prefix), responseLost, Skip: 0));
        var first = await buyer.Post("orders", body, key);
        Assert.Equal(0, host.Faults.Remaining); // the fault did happen
        host.Faults.Clear();
        Assert.True(first.Status is HttpStatusCode.Created or HttpStatusCode.InternalServerError or HttpStatusCode.Conflict, first.ToString());

        // The client retries with the same key (an offline queue, later): the final answer, never a second order.
        ApiResponse replay = null!;
        await Eventually.True(async () =>
        {
            replay = await buyer.Post("orders", body, key);
            return replay.Status == HttpStatusCode.Created;
        }, 30, "the replay never got the order");
        var orderId = replay.Json["id"]!.GetValue<string>();
        Assert.Equal(7, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        var orders = await buyer.Get($"stations/{TestData.StationB}/orders?pageSize=100");
        Assert.Single(orders.Json["items"]!.AsArray(), o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId);
        await Eventually.True(async () => (await buyer.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>() == "routed", 30, "never routed");
    }

    [Fact]
    public async Task ReplayWhileADeadAttemptHoldsTheLastUnits_WaitsForItsLease_AndGetsTheOrder_NeverAShortage()
    {
        // The first attempt takes the last 3 units, then "dies" at its commit (the process is killed): its claim holds them.
        var (buyer, listingId) = await BuyerAndListing(stock: 3);
        var key = Headers.Idempotency();
        var body = Bodies.Order((listingId, 3));
        host.Faults.Add(new("commit", Step("commit", host.Prefix), AfterSend: false, Skip: 0));
        Assert.Equal(HttpStatusCode.InternalServerError, (await buyer.Post("orders", body, key)).Status);
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();

        // The client retries at once, inside the dead attempt's lease: the stock is its own, held by that attempt. It waits
        // (409 in flight) and then gets the order, never a 409 shortage kept for the key while its stock stays taken.
        ApiResponse replay = null!;
        await Eventually.True(async () =>
        {
            replay = await buyer.Post("orders", body, key);
            Assert.True(replay.Status is HttpStatusCode.Created || replay.Header("Retry-After") is not null, replay.ToString());
            return replay.Status == HttpStatusCode.Created;
        }, 30, "the replay never got the order");
        var orderId = replay.Json["id"]!.GetValue<string>();
        Assert.Equal(0, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        Assert.Equal(orderId, (await buyer.Post("orders", body, key)).Json["id"]!.GetValue<string>());
        Assert.Single((await buyer.Get($"stations/{TestData.StationB}/orders?pageSize=100")).Json["items"]!.AsArray(),
            o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId);
    }

    [Fact]
    public async Task PlacementAbandonedWithoutReplay_IsFinishedByTheRouter()
    {
        var (buyer, listingId) = await BuyerAndListing(stock: 10);
        host.Faults.Add(new("commit lost", Step("commit", host.Prefix), AfterSend: false, Skip: 0));
        var first = await buyer.Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency());
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(8, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        // No replay: the orders-placed message sent before the commit drives recovery.
        await Eventually.True(async () =>
            (await buyer.Get($"stations/{TestData.StationB}/orders?status=routed&pageSize=100")).Json["items"]!.AsArray()
                .Any(o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId), 30, "the router never finished the placement");
        Assert.Equal(8, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
    }

    [Fact]
    public async Task PlacementOfFiftyLines_InterruptedBetweenTheTwoReservationsOfItsTownship_IsFinishedByTheRouter_EachLineTakenOnce()
    {
        var seller = await Keys.Of(host, TestData.StationA);
        var buyer = await Keys.Of(host, TestData.StationB);
        var listings = new List<string>();
        foreach (var i in Enumerable.Range(0, PlaceOrder.MaxLines))
            listings.Add(await TestData.NewListingId(seller, Bodies.Listing($"莲花白莲 {i}", stock: 5)));
        // The first transaction (the claim and 49 lines) commits; the process "dies" before the second (the 50th line).
        host.Faults.Add(new("second reservation", Step("reserve", host.Prefix), AfterSend: false, Skip: 1));
        var first = await buyer.Post("orders", Bodies.Order([.. listings.Select(l => (l, 2L))]), Headers.Idempotency());
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);

        // No replay: the message sent before the claim drives recovery, which takes the 50th line and commits the order.
        await Eventually.True(async () =>
            (await buyer.Get($"stations/{TestData.StationB}/orders?status=routed&pageSize=100")).Json["items"]!.AsArray()
                .Any(o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listings[0]), 30, "the router never finished the placement");
        var order = (await buyer.Get($"stations/{TestData.StationB}/orders?status=routed&pageSize=100")).Json["items"]!.AsArray()
            .Single(o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listings[0])!;
        Assert.Equal(listings, order["lines"]!.AsArray().Select(l => l!["listingId"]!.GetValue<string>()));
        foreach (var listing in listings) Assert.Equal(3, (await buyer.Get($"listings/{listing}")).Json["stock"]!.GetValue<long>());
    }

    [Fact]
    public async Task OrdersPlacedDeliveredTwice_RoutesOnce()
    {
        var (buyer, listingId) = await BuyerAndListing(stock: 10);
        var key = Guid.NewGuid().ToString("N");
        var order = await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency(key));
        var id = order.Json["id"]!.GetValue<string>();
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        var message = new OrderToRoute(id, TestData.StationB, key);
        var outcomes = await Task.WhenAll(router.HandleAsync(message, default), router.HandleAsync(message, default));
        Assert.Equal(1, outcomes.Count(o => o == RouteOutcome.Routed) + (outcomes.All(o => o == RouteOutcome.AlreadyRouted) ? 1 : 0));
        Assert.Equal(RouteOutcome.AlreadyRouted, await router.HandleAsync(message, default));
        var store = host.App.Services.GetRequiredService<Lianhua.Commerce.Core.Orders.Storage.OrderStore>();
        var routedAt = (await store.FindAsync(id, default))!.RoutedAt;
        await Task.Delay(1500); // the queue's own delivery of the same message arrives too
        Assert.Equal(routedAt, (await store.FindAsync(id, default))!.RoutedAt);
    }

    [Fact]
    public async Task CancelInterruptedAfterItsCommit_GivesTheStockBackWithoutAReplay()
    {
        var (buyer, listingId) = await BuyerAndListing(stock: 10);
        var placed = await buyer.Post("orders", Bodies.Order((listingId, 4)), Headers.Idempotency());
        var id = placed.Json["id"]!.GetValue<string>();
        Assert.Equal(6, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());

        // The process "dies" at the first step after the cancel's commit: looking up the stock it holds.
        host.Faults.Add(new("release fault", m => m.Request.Method == RequestMethod.Get
            && m.Request.Uri.Path.Contains($"/{host.Prefix}Listings(") && m.Request.Uri.Path.Contains("~") && m.Request.Uri.Path.Contains(id), AfterSend: false, Skip: 0));
        var cancel = await buyer.Post($"orders/{id}/cancel", new { reason = "不要了" }, Headers.Idempotency());
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, cancel.Status);
        Assert.Equal("cancelled", (await buyer.Get($"orders/{id}")).Json["status"]!.GetValue<string>());
        Assert.Equal(6, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());

        // No replay of the cancel: the message it sent before its commit has the router give the stock back, once.
        await Eventually.True(async () => (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>() == 10, 30, "the stock never came back");
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        Assert.Equal(RouteOutcome.Released, await router.HandleAsync(new OrderToRoute(id, TestData.StationB, null), default));
        Assert.Equal(10, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
    }

    [Fact]
    public async Task PlacementThatStallsPastItsLease_AndIsTakenOver_NeverGivesBackTheStockOfTheOrderThatWasMade()
    {
        var (buyer, listingId) = await BuyerAndListing(stock: 10);
        var key = Headers.Idempotency();
        var body = Bodies.Order((listingId, 3)) with { PaymentMethod = "prepaid" };

        // The first attempt freezes just before its reservation (lease 1 s here) and wakes up after a replay took it over and finished it.
        host.Faults.Add(new("stall", Step("reserve", host.Prefix), AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(4)));
        var first = buyer.Post("orders", body, key);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        ApiResponse replay = null!;
        await Eventually.True(async () => (replay = await buyer.Post("orders", body, key)).Status == HttpStatusCode.Created, 30, "the replay never got the order");
        var woken = await first;

        Assert.True(woken.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, woken.ToString());
        if (woken.Status == HttpStatusCode.Created) Assert.Equal(replay.Json["id"]!.GetValue<string>(), woken.Json["id"]!.GetValue<string>());
        var orders = await buyer.Get($"stations/{TestData.StationB}/orders?pageSize=100");
        Assert.Single(orders.Json["items"]!.AsArray(), o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId);
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything the woken attempt might still do
        Assert.Equal(7, (await buyer.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
    }
}

/// <summary>
/// A slow first attempt's "short" answer lands after a takeover reserved the same order's stock: the takeover loses the
/// commit to that answer and must give its stock back.
/// </summary>
public sealed class LateShortageAnswerTests(LateShortageAnswerTests.Host host) : IClassFixture<LateShortageAnswerTests.Host>
{
    /// <summary>A 3 s lease: room for the first attempt's steps on a busy machine, and still a short test.</summary>
    public sealed class Host() : LocalHostFixture(("Commerce:Orders:PlacementLease", "00:00:03"));

    [Fact]
    public async Task AShortAnswerThatLandsAfterATakeoverReserved_LeavesNoStockTaken()
    {
        var (_, buyer, first) = await TestData.SellerBuyerAndListing(host, Bodies.Listing(stock: 10));
        var there = await Keys.Of(host, "st-360321200-01");
        var second = await TestData.NewListingId(there, Bodies.Listing("大米", stock: 2));
        var key = Headers.Idempotency();
        var body = Bodies.Order((first, 1), (second, 3));

        // The first attempt claims the key with the first township's stock, finds the second short, gives the stock back,
        // and its "short" record is held up on the way (until about 6 s; the lease is 3 s here). The takeover's commit is
        // held up until after that record landed.
        host.Faults.Add(new("short record late", m => m.Request.Method == RequestMethod.Post && m.Request.Uri.Path.EndsWith($"/{host.Prefix}Orders"),
            AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(6)));
        host.Faults.Add(new("takeover commit late", FaultFlow.Batch($"{host.Prefix}Orders"), AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(4)));
        var slow = buyer.Post("orders", body, key);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await there.Patch($"listings/{second}", new { stock = 10 }, Headers.IfMatch())).Status);
        await Task.Delay(TimeSpan.FromSeconds(2)); // past the lease: a replay takes the placement over and reserves both lines

        var takeover = await buyer.Post("orders", body, key);
        var answered = await slow;
        Assert.Equal(0, host.Faults.Remaining); // both were held up
        host.Faults.Clear();

        Assert.Equal(HttpStatusCode.Conflict, answered.Status); // the first answer, "short", is the key's answer
        Assert.Equal(HttpStatusCode.Conflict, takeover.Status);
        Assert.NotNull(takeover.Json["shortages"]);
        Assert.DoesNotContain((await buyer.Get($"stations/{TestData.StationB}/orders?pageSize=100")).Json["items"]!.AsArray(),
            o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == first);
        Assert.Equal(10, (await buyer.Get($"listings/{first}")).Json["stock"]!.GetValue<long>());
        Assert.Equal(10, (await buyer.Get($"listings/{second}")).Json["stock"]!.GetValue<long>());
    }
}

/// <summary>Routing gives way to placements running in the same instance, and catches up right after them.</summary>
public sealed class RoutingYieldTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task AnOrdersRouting_WaitsWhileAnotherPlacementRuns_AndFollowsRightAfterIt()
    {
        var (seller, buyer, first) = await TestData.SellerBuyerAndListing(host, Bodies.Listing(stock: 10));
        var second = await TestData.NewListingId(seller, Bodies.Listing(stock: 10));

        var placed = await buyer.Post("orders", Bodies.Order((first, 1)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        // A second placement holds on for 4 s (a slow reservation): the first order's message turns visible after 1 s meanwhile.
        host.Faults.Add(new("slow reserve", m => m.Request.Method == RequestMethod.Post && m.Request.Uri.Path.EndsWith("/$batch"),
            AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(4)));
        var slow = await buyer.Post("orders", Bodies.Order((second, 1)), Headers.Idempotency());
        var slowEnded = DateTimeOffset.UtcNow;
        Assert.Equal(0, host.Faults.Remaining);
        Assert.Equal(HttpStatusCode.Created, slow.Status);

        var store = host.App.Services.GetRequiredService<Lianhua.Commerce.Core.Orders.Storage.OrderStore>();
        DateTimeOffset? routedAt = null;
        await Eventually.True(async () => (routedAt = (await store.FindAsync(placed.Json["id"]!.GetValue<string>(), default))!.RoutedAt) is not null,
            30, "the first order was never routed");
        Assert.True(routedAt >= slowEnded - TimeSpan.FromMilliseconds(500),
            $"routed at {routedAt:O}, while the other placement ran until {slowEnded:O}");
    }
}

/// <summary>A message carries the orders of a busy moment; one that fails does not hold the others back, nor get lost.</summary>
public sealed class GroupedMessageTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task AnOrderThatFailsInAMessageOfSeveral_IsSentAgainAlone_AndTheOthersAreRouted()
    {
        var (_, buyer, listingId) = await TestData.SellerBuyerAndListing(host, Bodies.Listing(stock: 10));
        var ids = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var placed = await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency());
            ids.Add(placed.Json["id"]!.GetValue<string>());
        }
        var store = host.App.Services.GetRequiredService<Lianhua.Commerce.Core.Orders.Storage.OrderStore>();
        await Eventually.True(async () => (await Task.WhenAll(ids.Select(id => store.FindAsync(id, default)))).All(o => o!.RoutedAt is not null), 30, "never routed");

        // The same three orders again in one message (as a redelivery would bring them), and reading the second one fails.
        var suffix = Lianhua.Commerce.Core.Orders.OrderId.Parse(ids[1])!.Value.Suffix;
        host.Faults.Add(new("order read", m => m.Request.Method == RequestMethod.Get && m.Request.Uri.Path.Contains($"/{host.Prefix}Orders(")
            && m.Request.Uri.Path.Contains(suffix), AfterSend: false, Skip: 0));
        // Notes (holds back 1 ms) a send of orders-placed that carries the failed order and no other.
        host.Faults.Add(new("sent alone", m => m.Request.Method == RequestMethod.Post && m.Request.Uri.Path.EndsWith($"/{host.Prefix}-orders-placed/messages")
            && Sent(m) is var body && body.Contains(ids[1]) && !body.Contains(ids[0]) && !body.Contains(ids[2]), AfterSend: false, Skip: 0, Stall: TimeSpan.FromMilliseconds(1)));
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        await router.HandleAsync(new OrdersPlacedMessage(ids.Select(id => new OrderToRoute(id, TestData.StationB, null)).ToList(), DateTimeOffset.UtcNow), default);
        Assert.Equal(0, host.Faults.Remaining); // the read failed, and the message as a whole succeeded: the failed order went back alone
        host.Faults.Clear();
    }

    /// <summary>The JSON a queue send carries (the SDK base64-encodes it inside the XML body).</summary>
    private static string Sent(HttpMessage m)
    {
        var xml = FaultFlow.Body(m);
        var start = xml.IndexOf("<MessageText>", StringComparison.Ordinal) + "<MessageText>".Length;
        var end = xml.IndexOf("</MessageText>", StringComparison.Ordinal);
        return end > start ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(xml[start..end])) : "";
    }
}
