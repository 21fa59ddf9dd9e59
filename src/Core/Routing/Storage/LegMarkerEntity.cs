using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Routing.Storage;

/// <summary>
/// In the from-node's partition, RowKey <c>leg~{shipmentId}</c>: which run the shipment's leg from this node is on.
/// Written with the booking, so a replayed routing finds its run even after an earlier day freed up, and never books twice.
/// </summary>
public sealed class LegMarkerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string To { get; set; } = "";
    public string Date { get; set; } = "";

    public static string Row(string shipmentId) => $"leg~{shipmentId}";
    public RunKey ToKey() => RunEntity.KeyOf(PartitionKey, To, Date, RowKey);
}
