using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Retention.Storage;

/// <summary>
/// An order just delivered or cancelled, whose placement leftovers (reservations, claim) are still to be removed: in table
/// Orders, in the order's station partition, RowKey <c>c~{orderId}</c>, written in the same transaction as the order's
/// change (Orders.Storage.OrderStore), so no closed order is missed. <see cref="ClosedOrders"/> removes it.
/// </summary>
public sealed class ClosedOrderEntity : ITableEntity
{
    public const string Prefix = "c~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string OrderId { get; set; } = "";

    public static ClosedOrderEntity From(string stationId, string orderId) => new() { PartitionKey = stationId, RowKey = Prefix + orderId, OrderId = orderId };
}
