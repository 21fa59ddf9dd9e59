using System.Runtime.ExceptionServices;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Operations.Storage;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// Routes an order: one shipment per origin station along the network path, every leg booked on a run with room
/// (idempotent: deterministic shipment ids, bookings that are found again on a replay), then the shipments are
/// stored inside the order row with its rolled-up status under the order's ETag. When it stops short (no room, or a
/// shipment it can never route) the legs it booked are saved on the order instead, and the order is listed for the county.
/// </summary>
public sealed class RoutingService(OrderStore orders, RunStore runs, NetworkService network, UnroutedStore unrouted, TimeProvider clock,
    ILogger<RoutingService> logger)
{
    /// <exception cref="NoRunWithRoomException">routing waits for room (the legs booked are held by the order).</exception>
    /// <exception cref="UnroutableOrderException">the order can never be routed; it is listed for the county.</exception>
    public async Task<RouteOutcome> RouteAsync(Order order, CancellationToken ct)
    {
        while (true)
        {
            if (order.IsRouted) return RouteOutcome.AlreadyRouted;
            if (order.Status != OrderStatus.Confirmed) return RouteOutcome.NotRoutable;
            // A day that is over has no runs left to book: from today when routing first runs (or runs again) on a later day.
            // The day is saved on the order before booking from it: a routing still booking from an earlier day then fails on
            // the order's version, and starts again from this one, so the stored legs are the ones the runs hold.
            var today = BusinessDay.Of(clock.GetUtcNow());
            if (today > order.StartDay)
            {
                order.StartRoutingOn(today);
                if (!await orders.TrySaveAsync(order, null, ct))
                {
                    order = await ReloadAsync(order, ct);
                    continue;
                }
            }
            var attempt = await BookAsync(order, order.StartDay, ct);
            var done = attempt.Failure is null ? await TryStoreRouteAsync(order, attempt, ct) : await TryStoreHoldsAsync(order, attempt, ct);
            if (done is { } outcome) return outcome;
            order = await ReloadAsync(order, ct);
            if (order.Status == OrderStatus.Cancelled)
            {
                // Cancelled while we booked: give the capacity back. Even when a parallel delivery routed it first: the cancel
                // may have released those legs before we booked them again.
                await ReleaseAsync(attempt.Booked, ct);
                return RouteOutcome.NotRoutable;
            }
        }
    }

    private async Task<RoutingAttempt> BookAsync(Order order, DateOnly startDay, CancellationToken ct)
    {
        var net = await network.GetAsync(ct);
        var booked = new System.Collections.Concurrent.ConcurrentBag<HeldLeg>();
        var paths = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlySet<string>>();
        var results = await Task.WhenAll(order.Drafts().Select(async draft =>
        {
            try
            {
                var path = PathFinder.Find(net, draft.OriginStationId, draft.DestinationStationId);
                paths[draft.Id] = path.Legs.Select(l => l.From).ToHashSet();
                var bookings = new List<LegBooking>();
                var earliest = startDay;
                foreach (var leg in path.Legs)
                {
                    var run = await runs.BookAsync(draft.Id, leg, draft.WeightGrams, earliest, RunPlanner.LastDay(startDay), ct);
                    if (run.Date < earliest)
                    {
                        // Booked by an earlier try of an order that waited for room, on a day that is over now (its vehicle left
                        // without it) or before the leg it follows: move it to a run from the earliest day.
                        await runs.ReleaseAsync(run, draft.Id, ct);
                        run = await runs.BookAsync(draft.Id, leg, draft.WeightGrams, earliest, RunPlanner.LastDay(startDay), ct);
                    }
                    bookings.Add(new LegBooking(leg, run));
                    booked.Add(new HeldLeg(draft.Id, leg.From, leg.To, run.Date));
                    earliest = run.Date; // a later leg may share the day, never go before it
                }
                return (Shipment: Shipment.Create(draft, bookings, order.PickupCode), Failure: (CommerceException?)null);
            }
            catch (CommerceException e) when (e is ConflictException or UnprocessableException or ValidationFailedException)
            {
                // No room (wait), or never routable: a station gone, a link missing, a shipment heavier than a link carries.
                return (Shipment: (Shipment?)null, Failure: e);
            }
        }));
        var failures = results.Select(r => r.Failure).OfType<CommerceException>().ToList();
        return new RoutingAttempt([.. results.Select(r => r.Shipment).OfType<Shipment>()], [.. booked], paths,
            failures.FirstOrDefault(f => f is not NoRunWithRoomException) ?? failures.FirstOrDefault());
    }

    /// <summary>Stores the shipments (null when the order changed meanwhile), then releases holds no stored leg uses.</summary>
    private async Task<RouteOutcome?> TryStoreRouteAsync(Order order, RoutingAttempt attempt, CancellationToken ct)
    {
        var wasListed = order.Progress.Reason is not null;
        order.Route(attempt.Shipments, clock.GetUtcNow());
        if (!await orders.TrySaveAsync(order, null, ct)) return null;
        await ReleaseAsync(order.Progress.Holds, ct);
        if (wasListed) await unrouted.ClearAsync(order.Id, ct);
        logger.LogInformation("Order {OrderId} routed: {Shipments} shipments, {Legs} legs", order.Id, attempt.Shipments.Count,
            attempt.Shipments.Sum(s => s.Legs.Count));
        return RouteOutcome.Routed;
    }

    /// <summary>Saves the legs booked so far on the order, lists it for the county, and throws why routing stopped short.</summary>
    private async Task<RouteOutcome?> TryStoreHoldsAsync(Order order, RoutingAttempt attempt, CancellationToken ct)
    {
        var stale = attempt.Stale(order.Progress.Holds);
        order.Hold(attempt.Booked, attempt.Reason!, attempt.Unroutable, clock.GetUtcNow());
        if (!await orders.TrySaveAsync(order, null, ct)) return null;
        await ReleaseAsync(stale, ct);
        await unrouted.MarkAsync(order, ct);
        if (attempt.Unroutable) throw new UnroutableOrderException(attempt.Reason!);
        ExceptionDispatchInfo.Throw(attempt.Failure!);
        return null;
    }

    private async Task<Order> ReloadAsync(Order order, CancellationToken ct) =>
        await orders.FindAsync(order.Id, ct) ?? throw new InvalidOperationException("An order vanished.");

    /// <summary>
    /// Takes every leg the order holds off its run; idempotent. A routed order's legs are in its shipments. One not routed
    /// holds the runs routing saved on it (<see cref="Order.Progress"/>), and, should a routing have died between booking and
    /// saving, the legs whose markers are on the paths the network gives now.
    /// </summary>
    public async Task ReleaseRunsAsync(Order order, CancellationToken ct)
    {
        await ReleaseAsync(order.Progress.Holds, ct);
        if (order.IsRouted)
        {
            await ReleaseRunsAsync(order.Shipments, ct);
            return;
        }
        var net = await network.GetAsync(ct);
        var legs = new List<(string From, string ShipmentId)>();
        foreach (var draft in order.Drafts())
        {
            try
            {
                legs.AddRange(PathFinder.Find(net, draft.OriginStationId, draft.DestinationStationId).Legs.Select(l => (l.From, draft.Id)));
            }
            catch (CommerceException)
            {
                // A station gone from the network: what routing booked for it on an earlier path is in the order's holds.
            }
        }
        await Task.WhenAll(legs.Select(l => runs.ReleaseBookedAsync(l.From, l.ShipmentId, ct)));
    }

    /// <summary>Takes every leg of the shipments off its run; idempotent.</summary>
    public Task ReleaseRunsAsync(IEnumerable<Shipment> shipments, CancellationToken ct) =>
        Task.WhenAll(shipments.SelectMany(s => s.Legs.Select(l => runs.ReleaseAsync(new RunKey(l.From, l.To, l.Date), s.Id, ct))));

    private Task ReleaseAsync(IEnumerable<HeldLeg> holds, CancellationToken ct) =>
        Task.WhenAll(holds.Select(h => runs.ReleaseAsync(h.Run, h.ShipmentId, ct)));
}
