using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// Sends orders-placed. Placements go through a group sender: the placements of a busy moment share one message (one
/// storage request), and a placement on a quiet instance goes alone and at once. A cancel or a retry goes alone.
/// </summary>
public sealed class OrdersPlacedQueue
{
    private readonly QueueSender _queue;
    private readonly TimeProvider _clock;
    private readonly GroupSender<OrderToRoute> _placed;

    public OrdersPlacedQueue(QueueSender queue, IOptions<OrderOptions> options, TimeProvider clock)
    {
        _queue = queue;
        _clock = clock;
        _placed = new GroupSender<OrderToRoute>(
            orders => queue.SendAsync(QueueNames.OrdersPlaced, new OrdersPlacedMessage(orders, clock.GetUtcNow()), options.Value.RouteDelay, CancellationToken.None),
            OrdersPlacedMessage.MaxOrders);
    }

    /// <summary>A placement's message, hidden for RouteDelay; completes when the message that carries it was sent.</summary>
    public Task SendPlacedAsync(OrderToRoute order, CancellationToken ct) => _placed.SendAsync(order, ct);

    public Task SendAsync(OrderToRoute order, TimeSpan delay, CancellationToken ct) =>
        _queue.SendAsync(QueueNames.OrdersPlaced, OrdersPlacedMessage.Of(order, _clock.GetUtcNow()), delay, ct);
}
