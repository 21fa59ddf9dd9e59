using System.Net;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// A cancel interrupted at each of its storage steps (the orders-placed send, the commit, the stock release, each run
/// release), with and without a replay, and a cancel racing routing, a placement's recovery and another cancel: the order
/// ends cancelled or not, and its stock and run capacity come back exactly when it is cancelled, exactly once.
/// </summary>
public sealed class CancelFaultTests(ShortLeaseHost host) : IClassFixture<ShortLeaseHost>
{
    private readonly bool _noLeftoverFaults = host.ClearFaults();

    private readonly FaultFlow _flow = new(host);

    public static TheoryData<string, bool, int, bool> Steps()
    {
        var data = new TheoryData<string, bool, int, bool>();
        foreach (var replay in new[] { true, false })
        foreach (var lost in new[] { false, true })
        {
            data.Add("send", lost, 0, replay);
            data.Add("commit", lost, 0, replay);
            data.Add("stock", lost, 0, replay);
            foreach (var leg in Enumerable.Range(0, 4)) data.Add("run", lost, leg, replay); // the four legs of StationA → StationB
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task CancelInterruptedAtAStep_EndsConsistent_AndAReplayGetsTheFinalAnswer(string step, bool responseLost, int skip, bool replay)
    {
        var listingId = await _flow.Listing(stock: 10);
        var order = await _flow.Place(listingId, 2);
        var id = order["id"]!.GetValue<string>();
        var tracking = await _flow.Routed(id);
        var booked = (await _flow.Legs(tracking)).Select(l => l.Load).ToList();
        var released = booked.Select(l => l - 2 * FaultFlow.UnitWeightGrams).ToList();

        var matches = step switch
        {
            "send" => FaultFlow.Send($"{host.Prefix}-orders-placed"),
            "commit" => FaultFlow.Batch($"{host.Prefix}Orders"),
            "stock" => FaultFlow.Batch($"{host.Prefix}Listings"),
            _ => FaultFlow.Batch($"{host.Prefix}Runs"),
        };
        host.Faults.Add(new($"{step} fault", matches, responseLost, skip));
        var key = Headers.Idempotency();
        var first = await _flow.Cancel(id, key);
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);

        var committed = step is not "send" && !(step == "commit" && !responseLost);
        Assert.Equal(committed ? "cancelled" : "routed", (await _flow.Order(id))["status"]!.GetValue<string>());
        if (!replay)
        {
            // Nobody replays: a committed cancel still gives everything back (the router, on the message the cancel sent first);
            // one that did not commit holds everything still.
            await Eventually.True(async () => await _flow.Stock(listingId) == (committed ? 10 : 8), 30, "the stock does not match the order's status");
            await _flow.RunsAre(tracking, committed ? released : booked, listed: !committed, "the runs do not match the order's status");
        }

        ApiResponse answer = null!;
        await Eventually.True(async () => (answer = await _flow.Cancel(id, key)).Status == HttpStatusCode.OK, 30, "the replay never got the cancel");
        Assert.Equal("cancelled", answer.Json["status"]!.GetValue<string>());
        Assert.Equal(committed ? "true" : null, answer.Header("Idempotent-Replayed"));
        var again = await _flow.Cancel(id, key);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(answer.Raw, again.Raw);

        Assert.Equal(10, await _flow.Stock(listingId));
        await _flow.RunsAre(tracking, released, listed: false, "the runs were not given back once");
        Assert.All((await _flow.Tracking(id))["shipments"]!.AsArray(), s => Assert.Equal("cancelled", s!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ACancelWhoseOrderChangesUnderIt_ReadsItAgain_AndCancels()
    {
        // Routing saving the order (the legs it holds while it waits for room) between the cancel's read and its commit: the
        // commit meets a changed order (a stale If-Match, as Azure answers it) once; the cancel reads again and commits.
        var listingId = await _flow.Listing(stock: 10);
        var id = (await _flow.Place(listingId, 2))["id"]!.GetValue<string>();
        await _flow.Routed(id);
        host.Faults.Add(new("order changed", FaultFlow.Batch($"{host.Prefix}Orders"), AfterSend: false, Skip: 0, Rewrite: FaultFlow.StaleIfMatch));
        var cancelled = await _flow.Cancel(id, Headers.Idempotency());
        Assert.Equal(0, host.Faults.Remaining);
        Assert.True(cancelled.Status == HttpStatusCode.OK, cancelled.ToString());
        Assert.Equal("cancelled", (await _flow.Order(id))["status"]!.GetValue<string>());
        await Eventually.True(async () => await _flow.Stock(listingId) == 10, 10, "the stock never came back");
    }

    [Fact]
    public async Task TwoCancelsWithDifferentKeysAtOnce_OneWins_TheStockAndRunsComeBackOnce()
    {
        var listingId = await _flow.Listing(stock: 10);
        var id = (await _flow.Place(listingId, 3))["id"]!.GetValue<string>();
        var tracking = await _flow.Routed(id);
        var released = (await _flow.Legs(tracking)).Select(l => l.Load - 3 * FaultFlow.UnitWeightGrams).ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _flow.Cancel(id, Headers.Idempotency())));
        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(10, await _flow.Stock(listingId));
        await _flow.RunsAre(tracking, released, listed: false, "the runs were not given back once");
        await Task.Delay(1500); // the cancels' messages reach the router (lease 1 s here): nothing moves twice
        Assert.Equal(10, await _flow.Stock(listingId));
        await _flow.RunsAre(tracking, released, listed: false, "the runs were given back twice");
    }

    [Fact]
    public async Task CancelWhileTheOrderIsBeingRouted_EndsCancelled_WithNoRunHeld()
    {
        var listingId = await _flow.Listing(stock: 10);
        // Routing stalls just before it stores the shipments (its bookings are made); the cancel commits meanwhile.
        host.Faults.Add(new("routing stalls", m => m.Request.Method == Azure.Core.RequestMethod.Put && m.Request.Uri.Path.Contains($"/{host.Prefix}Orders("),
            AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(3)));
        var id = (await _flow.Place(listingId, 2))["id"]!.GetValue<string>();
        await Eventually.True(() => host.Faults.Remaining == 0, 30, "routing never got to storing the shipments");
        var cancel = await _flow.Cancel(id, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal(10, await _flow.Stock(listingId));

        await Task.Delay(TimeSpan.FromSeconds(3)); // the stalled routing wakes, fails on the order's ETag and sees the cancel
        Assert.Equal("cancelled", (await _flow.Order(id))["status"]!.GetValue<string>());
        Assert.Empty((await _flow.Tracking(id))["shipments"]!.AsArray());
        await AssertNoRunHolds(id);
    }

    [Fact]
    public async Task CancelRacingThePlacementsRecovery_EitherFindsNoOrderOrCancelsIt_AndTheStockComesBackOnce()
    {
        var listingId = await _flow.Listing(stock: 10);
        var buyer = await _flow.KeyOf(TestData.StationB);
        // The placement dies before its commit; the router takes it over after the lease (1 s here) and commits it.
        host.Faults.Add(new("commit", FaultFlow.Batch($"{host.Prefix}Orders"), AfterSend: false, Skip: 0));
        var placed = await buyer.Post("orders", Bodies.Order((listingId, 4)), Headers.Idempotency());
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, placed.Status);
        string? id = null;
        await Eventually.True(async () =>
        {
            var orders = await buyer.Get($"stations/{TestData.StationB}/orders?pageSize=100");
            id = orders.Json["items"]!.AsArray().FirstOrDefault(o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId)?["id"]!.GetValue<string>();
            return id is not null;
        }, 30, "the router never finished the placement");
        // Cancel as soon as the order shows: routing of the recovered order runs at the same time.
        var key = Headers.Idempotency();
        ApiResponse cancel = null!;
        await Eventually.True(async () => (cancel = await _flow.Cancel(id!, key)).Status == HttpStatusCode.OK, 30, cancel?.ToString());
        Assert.Equal(10, await _flow.Stock(listingId));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(10, await _flow.Stock(listingId));
        Assert.Equal("cancelled", (await _flow.Order(id!))["status"]!.GetValue<string>());
        await AssertNoRunHolds(id!);
    }

    [Fact]
    public async Task AStaleDuplicateRouting_ThatBooksAfterTheCancelGaveTheRunsBack_GivesItsBookingsBack()
    {
        var listingId = await _flow.Listing(stock: 10);
        var id = (await _flow.Place(listingId, 2))["id"]!.GetValue<string>();
        // A second delivery of the order's message read the order before the first one routed it (then it stalled).
        var stale = await host.App.Services.GetRequiredService<OrderStore>().FindAsync(id, default);
        Assert.Null(stale!.RoutedAt);
        var tracking = await _flow.Routed(id);
        var released = (await _flow.Legs(tracking)).Select(l => l.Load - 2 * FaultFlow.UnitWeightGrams).ToList();
        Assert.Equal(HttpStatusCode.OK, (await _flow.Cancel(id, Headers.Idempotency())).Status);
        await _flow.RunsAre(tracking, released, listed: false, "the cancel did not give the runs back");
        await Eventually.True(async () => (await host.Storage.Queue("orders-placed").GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, 30, "messages left");

        // The stalled delivery goes on: its legs have no bookings any more, so it books them again, then finds the order
        // routed and cancelled.
        var outcome = await host.App.Services.GetRequiredService<RoutingService>().RouteAsync(stale, default);
        Assert.NotEqual(RouteOutcome.Routed, outcome);
        await _flow.RunsAre(tracking, released, listed: false, "the stale routing kept runs booked for a cancelled order");
        await AssertNoRunHolds(id);
    }

    /// <summary>No run holds a booking or leg marker of the order's shipments.</summary>
    private async Task AssertNoRunHolds(string orderId)
    {
        // Bookings ({date}_{to}~{shipmentId}) and leg markers (leg~{shipmentId}) of its shipments.
        var rows = await host.Storage.Table("Runs").QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]).ToListAsync();
        Assert.DoesNotContain(rows, r => r.RowKey.Contains(orderId));
    }
}
