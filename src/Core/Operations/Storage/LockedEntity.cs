using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>
/// Table Attention: PartitionKey = county code, RowKey <c>l~{shipmentId}</c>: a shipment locked after wrong pickup codes, where
/// and since when; removed when the county unlocks it.
/// </summary>
public sealed class LockedEntity : ITableEntity
{
    public const string Prefix = "l~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ShipmentId { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public DateTimeOffset Since { get; set; }
}
