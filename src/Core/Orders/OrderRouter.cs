using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

public enum RouteOutcome { Routed, AlreadyRouted, NotPlaced, Deferred, NotRoutable }

/// <summary>
/// Handles orders-placed (at least once). First makes sure the placement finished: a placement still running is
/// looked at again shortly, an abandoned one is taken over. Then routes the order once (ETag-conditional status change).
/// </summary>
public sealed class OrderRouter(OrderStore orders, PlacementService placement, QueueSender queue, IOptions<OrderOptions> options,
    TimeProvider clock, ILogger<OrderRouter> logger)
{
    public async Task<RouteOutcome> HandleAsync(OrderPlacedMessage message, CancellationToken ct)
    {
        if (Order.Parse(message.OrderId) is null || message.StationId is null || message.IdempotencyKey is null)
        {
            logger.LogWarning("Dropping an orders-placed message that names no order");
            return RouteOutcome.NotPlaced;
        }
        var order = await orders.FindAsync(message.OrderId, ct);
        if (order is null)
        {
            if (!await placement.RecoverAsync(message.StationId, message.IdempotencyKey, ct))
            {
                await queue.SendAsync(QueueNames.OrdersPlaced, message, options.Value.RouteDelay, ct);
                return RouteOutcome.Deferred;
            }
            order = await orders.FindAsync(message.OrderId, ct);
            if (order is null) return RouteOutcome.NotPlaced; // rejected (short stock) or given up: nothing to route
        }
        while (true)
        {
            if (order.RoutedAt is not null) return RouteOutcome.AlreadyRouted;
            if (order.Status != OrderStatus.Confirmed) return RouteOutcome.NotRoutable;
            order.RoutedAt = clock.GetUtcNow();
            order.Status = OrderStatus.Routed;
            if (await orders.TryReplaceAsync(order, ct))
            {
                logger.LogInformation("Order {OrderId} routed", order.Id);
                return RouteOutcome.Routed;
            }
            order = await orders.FindAsync(message.OrderId, ct) ?? throw new InvalidOperationException("An order vanished.");
        }
    }
}
