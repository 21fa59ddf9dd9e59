using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Network.Storage;

/// <summary>Table Network: PartitionKey = county code, RowKey = <see cref="CurrentRow"/>, the document gzip JSON.</summary>
public sealed class NetworkEntity : ITableEntity
{
    public const string CurrentRow = "current";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public byte[] Document { get; set; } = [];
}
