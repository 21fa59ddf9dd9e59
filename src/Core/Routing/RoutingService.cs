using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// Routes an order: one shipment per origin station along the network path, every leg booked on a run with room
/// (idempotent: deterministic shipment ids, bookings that are found again on a replay), then the shipments are
/// stored inside the order row with its rolled-up status under the order's ETag.
/// </summary>
public sealed class RoutingService(OrderStore orders, RunStore runs, NetworkService network, TimeProvider clock, ILogger<RoutingService> logger)
{
    public async Task<RouteOutcome> RouteAsync(Order order, CancellationToken ct)
    {
        if (order.IsRouted) return RouteOutcome.AlreadyRouted;
        if (order.Status != OrderStatus.Confirmed) return RouteOutcome.NotRoutable;
        var net = await network.GetAsync(ct);
        // From the order's day, or today when routing waited for room (a day that is over has no runs left to book).
        var placedOn = BusinessDay.Of(order.CreatedAt);
        var today = BusinessDay.Of(clock.GetUtcNow());
        var startDay = today > placedOn ? today : placedOn;
        var shipments = await Task.WhenAll(order.Drafts().Select(async draft =>
        {
            var path = PathFinder.Find(net, draft.OriginStationId, draft.DestinationStationId);
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
                earliest = run.Date; // a later leg may share the day, never go before it
            }
            return Shipment.Create(draft, bookings, order.PickupCode);
        }));

        while (true)
        {
            order.Route(shipments, clock.GetUtcNow());
            if (await orders.TrySaveAsync(order, null, ct))
            {
                logger.LogInformation("Order {OrderId} routed: {Shipments} shipments, {Legs} legs", order.Id, shipments.Length, shipments.Sum(s => s.Legs.Count));
                return RouteOutcome.Routed;
            }
            order = await orders.FindAsync(order.Id, ct) ?? throw new InvalidOperationException("An order vanished.");
            if (order.Status == OrderStatus.Cancelled)
            {
                // Cancelled while we booked: give the capacity back. Even when a parallel delivery routed it first: the cancel
                // may have released those legs before we booked them again.
                await ReleaseRunsAsync(shipments, ct);
                return RouteOutcome.NotRoutable;
            }
            if (order.IsRouted) return RouteOutcome.AlreadyRouted; // a parallel delivery did it, with the same bookings
            if (order.Status != OrderStatus.Confirmed) return RouteOutcome.NotRoutable;
        }
    }

    /// <summary>
    /// Takes every leg the order holds off its run; idempotent. A routed order's legs are in its shipments. One not routed
    /// may still hold runs for some shipments (routing found no room for another and waits): their leg markers, on the
    /// paths the network gives now, say where.
    /// </summary>
    public async Task ReleaseRunsAsync(Order order, CancellationToken ct)
    {
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
                // A station gone from the network: routing could never have booked this shipment on today's paths either.
            }
        }
        await Task.WhenAll(legs.Select(l => runs.ReleaseBookedAsync(l.From, l.ShipmentId, ct)));
    }

    /// <summary>Takes every leg of the shipments off its run; idempotent.</summary>
    public Task ReleaseRunsAsync(IEnumerable<Shipment> shipments, CancellationToken ct) =>
        Task.WhenAll(shipments.SelectMany(s => s.Legs.Select(l => runs.ReleaseAsync(new RunKey(l.From, l.To, l.Date), s.Id, ct))));
}
