using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Retention.Storage;

/// <summary>
/// A closed order whose recipient is to be erased: in table Orders, in the order's station partition, RowKey
/// <c>e~{yyyyMMdd}~{orderId}</c> (the UTC day its leftovers were removed, within the hour after it closed), so the orders
/// due on a day are one RowKey range. Deleted with the erasure.
/// </summary>
public sealed class ErasureDueEntity : ITableEntity
{
    public const string Prefix = "e~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string OrderId { get; set; } = "";

    public static string Day(DateOnly day) => Prefix + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static ErasureDueEntity From(string stationId, string orderId, DateOnly day) =>
        new() { PartitionKey = stationId, RowKey = $"{Day(day)}~{orderId}", OrderId = orderId };
}
