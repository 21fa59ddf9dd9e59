using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// The rows this instance read or wrote last, with their ETags, so a conditional write can skip the read before it.
/// Safe by construction when every write made from a copy is conditional on the copy's ETag: a stale copy fails with
/// 412, is forgotten, and the retry reads afresh. A copy can cost one failed write, never a wrong one. An answer that
/// no conditional write checks (a shortage, a full run) must come from a fresh read, never from a copy.
/// </summary>
public sealed class EntityCache<T>(Func<T, T> copy) where T : class, ITableEntity
{
    /// <summary>About 1 KiB a row. Full means start again, not an eviction policy: a county's hot rows fit many times over.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string PartitionKey, string RowKey), T> copies = new();

    public T? Find(string partitionKey, string rowKey) => copies.TryGetValue((partitionKey, rowKey), out var row) ? copy(row) : null;

    public void Remember(T row)
    {
        if (copies.Count >= Capacity) copies.Clear();
        copies[(row.PartitionKey, row.RowKey)] = copy(row);
    }

    public void Forget(string partitionKey, string rowKey) => copies.TryRemove((partitionKey, rowKey), out _);

    /// <summary>A point read that keeps a copy of what it found.</summary>
    public async Task<T?> ReadAsync(TableClient table, string partitionKey, string rowKey, CancellationToken ct)
    {
        var found = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: ct);
        if (!found.HasValue || found.Value is null) return null;
        Remember(found.Value);
        return found.Value;
    }

    /// <summary>Keeps the row as just written, under the ETag the write returned; forgets it when none came back.</summary>
    public void RememberWritten(T row, Azure.Response written)
    {
        if (written.Headers.ETag is not { } etag) { Forget(row.PartitionKey, row.RowKey); return; }
        row.ETag = etag;
        Remember(row);
    }
}
