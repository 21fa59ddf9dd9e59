using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Security.Storage;

/// <summary>Table ApiKeys: PartitionKey = key id, RowKey empty, so authentication is one point read.</summary>
public sealed class ApiKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Hash { get; set; } = "";
    public string Role { get; set; } = "";
    public string? ScopeId { get; set; }
    /// <summary>A station key with a fence row (see ApiKeyService): a placement may authenticate it from a copy.</summary>
    public bool Fenced { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    public static ApiKeyEntity From(StoredKey key) => new()
    {
        Fenced = key.Fenced,
        PartitionKey = key.KeyId,
        RowKey = "",
        Hash = key.Hash,
        Role = key.Role,
        ScopeId = key.ScopeId,
        CreatedAt = key.CreatedAt,
        CreatedBy = key.CreatedBy,
    };

    public StoredKey ToKey() => new(PartitionKey, Hash, Role, ScopeId, Fenced, CreatedAt, CreatedBy);
}
