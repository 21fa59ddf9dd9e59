using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>
/// Table Attention: PartitionKey = county code, RowKey <c>r~{orderId}</c>: an order routing stopped short on, with why and
/// since when; <see cref="Waiting"/> when it waits for room (listed only past the grace period). Removed when the order is
/// routed or cancelled.
/// </summary>
public sealed class UnroutedEntity : ITableEntity
{
    public const string Prefix = "r~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string OrderId { get; set; } = "";
    public string StationId { get; set; } = "";
    public DateTimeOffset Since { get; set; }
    public string Reason { get; set; } = "";
    public bool Waiting { get; set; }
}
