using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>
/// Table Attention: PartitionKey = county code, RowKey <c>u~{shipment or refund id}</c>: ledger work that could not be written,
/// with why; removed once reconciliation writes it.
/// </summary>
public sealed class UnattributedEntity : ITableEntity
{
    public const string Prefix = "u~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SourceId { get; set; } = "";
    public string OrderId { get; set; } = "";
    public DateTimeOffset Since { get; set; }
    public string Reason { get; set; } = "";
}
