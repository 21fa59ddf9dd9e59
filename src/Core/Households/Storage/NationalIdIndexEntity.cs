using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Households.Storage;

/// <summary>
/// Table Households, the blind index of a national ID: PartitionKey = county code, RowKey = <c>n~{HMAC-SHA256 hex}</c>.
/// Inserted in the household's own transaction, so a national ID registers once per county, however many try at once.
/// </summary>
public sealed class NationalIdIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    /// <summary>Which household holds the ID: a retried insert that finds its own id here committed the first time.</summary>
    public string HouseholdId { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }

    public static string Row(string blindIndex) => $"n~{blindIndex}";
}
