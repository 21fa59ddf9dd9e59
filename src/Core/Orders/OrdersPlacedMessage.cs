namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// The orders-placed queue message: one or more orders (placements that send while another send is in flight go together
/// in one message, see Common.GroupSender), and when it was sent.
/// </summary>
public sealed record OrdersPlacedMessage(IReadOnlyList<OrderToRoute> Orders, DateTimeOffset? SentAt) : Operations.IQueueMessage
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsReadable => Orders is { Count: > 0 } && Orders.All(o => o is not null && OrderId.Parse(o.OrderId) is not null && o.StationId is not null);

    /// <summary>At most this many orders per message: well inside a queue message's 64 KB.</summary>
    public const int MaxOrders = 100;

    public static OrdersPlacedMessage Of(OrderToRoute order, DateTimeOffset sentAt) => new([order], sentAt);
}
