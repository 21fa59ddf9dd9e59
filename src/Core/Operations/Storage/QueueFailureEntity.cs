using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>
/// Table Attention: PartitionKey = county code, RowKey <c>p~{queue}~{hash}</c> (the first 32 hex of the SHA-256 of the message
/// body): the last failure of a message of that queue. The body names it because a copy moved to the poison queue keeps the
/// body, not the message id. Removed when the message is sent back from the poison queue.
/// </summary>
public sealed class QueueFailureEntity : ITableEntity
{
    public const string Prefix = "p~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Queue { get; set; } = "";
    public string Error { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static string Row(string queue, BinaryData body) =>
        $"{Prefix}{queue}~{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body.ToMemory().Span))[..32]}";
}
