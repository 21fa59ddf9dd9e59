using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Security.Storage;

/// <summary>
/// The ApiKeys table, and the fence rows of station keys in table Orders. The order of the writes (fence before key on
/// creation, fence before key on revocation) is ApiKeyService's to keep; see its summary.
/// </summary>
public sealed class ApiKeyStore(CommerceStorage storage)
{
    private TableClient Keys => storage.Table(TableNames.ApiKeys);
    private TableClient Fences => storage.Table(TableNames.Orders);

    /// <summary>RowKey of a station key's fence row, in the station's partition of table Orders.</summary>
    public static string FenceRow(string keyId) => $"k~{keyId}";

    public async Task<StoredKey?> FindAsync(string keyId, CancellationToken ct)
    {
        var row = await Keys.GetEntityIfExistsAsync<ApiKeyEntity>(keyId, "", cancellationToken: ct);
        return row.HasValue && row.Value is { } key ? key.ToKey() : null;
    }

    public async Task AddAsync(StoredKey key, CancellationToken ct) => await Keys.AddEntityAsync(ApiKeyEntity.From(key), ct);

    /// <summary>False when the key was not there (any more).</summary>
    public async Task<bool> DeleteAsync(string keyId, CancellationToken ct)
    {
        // The SDK reports a missing row as 404 without throwing.
        var response = await Keys.DeleteEntityAsync(keyId, "", ETag.All, ct);
        return response.Status != 404;
    }

    public async Task AddFenceAsync(string stationId, string keyId, CancellationToken ct) =>
        await Fences.AddEntityAsync(new TableEntity(stationId, FenceRow(keyId)), ct);

    /// <summary>A fence already gone is not an error: the key is what a revocation must find.</summary>
    public async Task DeleteFenceAsync(string stationId, string keyId, CancellationToken ct) =>
        await Fences.DeleteEntityAsync(stationId, FenceRow(keyId), ETag.All, ct);
}
