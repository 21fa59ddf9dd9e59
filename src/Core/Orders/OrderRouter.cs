using Lianhua.Commerce.Core.Orders.Placement;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// Handles orders-placed (at least once). First makes sure the placement finished: a placement still running is
/// looked at again shortly, an abandoned one is taken over. Then routes the order once (see Routing.RoutingService).
/// A cancelled order gets back whatever stock and run capacity it still holds (a cancel that crashed after its commit).
/// </summary>
public sealed class OrderRouter(OrderStore orders, PlacementRecovery placement, OrderService orderService, Routing.RoutingService routing,
    OrdersPlacedQueue queue, Common.Foreground foreground, IOptions<OrderOptions> options, TimeProvider clock, ILogger<OrderRouter> logger)
{
    /// <summary>
    /// One queue message: first gives way to placements running in this instance (for at most RoutingYield since it was sent),
    /// then handles its orders a few at a time. An order that fails while others in the message succeed is sent again alone,
    /// so it retries and, if it keeps failing, reaches the poison queue by itself; a message of one order fails as it is.
    /// </summary>
    public async Task HandleAsync(OrdersPlacedMessage message, CancellationToken ct)
    {
        await foreground.YieldAsync(message.SentAt ?? clock.GetUtcNow(), options.Value.RoutingYield, ct);
        if (message.Orders.Count == 1)
        {
            await HandleAsync(message.Orders[0], ct);
            return;
        }
        await Parallel.ForEachAsync(message.Orders, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (order, token) =>
        {
            try
            {
                await HandleAsync(order, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Order {OrderId}: routing failed; sending it again alone", order.OrderId);
                await queue.SendAsync(order, TimeSpan.FromSeconds(2), token);
            }
        });
    }

    public async Task<RouteOutcome> HandleAsync(OrderToRoute message, CancellationToken ct)
    {
        if (OrderId.Parse(message.OrderId) is null || message.StationId is null)
            throw new Common.UnreadableMessageException("An orders-placed message names no order."); // to the poison queue, never dropped
        try
        {
            return await SettleAsync(message, ct);
        }
        catch (Exception e) when (e is WriteConflictException || (e is Common.ConflictException && e is not Routing.NoRunWithRoomException))
        {
            // Runs or listings so busy that their ETags kept changing past the retry budget (routing, or a release: StockStore
            // answers "listing busy"): look again in a few seconds, as a new message, so contention never uses up the
            // message's dequeue count and poisons an order whose stock and runs would then stay taken.
            await queue.SendAsync(message, TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 5000)), ct);
            logger.LogInformation("Order {OrderId}: its runs or listings are busy; trying again shortly", message.OrderId);
            return RouteOutcome.Deferred;
        }
    }

    private async Task<RouteOutcome> SettleAsync(OrderToRoute message, CancellationToken ct)
    {
        var order = await orders.FindAsync(message.OrderId, ct);
        if (order is null)
        {
            if (message.IdempotencyKey is null) return RouteOutcome.NotPlaced;
            if (await placement.RecoverAsync(message, ct) is { } lookAgainIn)
            {
                await queue.SendAsync(message, lookAgainIn, ct);
                return RouteOutcome.Deferred;
            }
            order = await orders.FindAsync(message.OrderId, ct);
            if (order is null) return RouteOutcome.NotPlaced; // rejected (short stock) or given up: nothing to route
        }
        if (order.Status == OrderStatus.Cancelled)
        {
            await orderService.ReleaseAsync(order, ct);
            return RouteOutcome.Released;
        }
        try
        {
            return await routing.RouteAsync(order, ct);
        }
        catch (Routing.NoRunWithRoomException e)
        {
            // Every run of a link on its path is full for the days routing books. Not a poison case: runs free up (cancels)
            // and the days move on. The order keeps the runs booked for its other shipments (recorded on it); a cancel gives them back.
            await queue.SendAsync(message, options.Value.NoRoomRetry, ct);
            logger.LogWarning("Order {OrderId} waits for a run with room ({Reason}); routing again in {Delay}", order.Id, e.Message, options.Value.NoRoomRetry);
            return RouteOutcome.Deferred;
        }
        catch (Routing.UnroutableOrderException e)
        {
            // Can never succeed (a shipment heavier than a link carries, a station gone from the network): routing recorded it on
            // the order and for the county (GET /api/attention), which cancels it; retrying would change nothing.
            logger.LogError("Order {OrderId} cannot be routed: {Reason}", order.Id, e.Message);
            return RouteOutcome.NotRoutable;
        }
    }
}
