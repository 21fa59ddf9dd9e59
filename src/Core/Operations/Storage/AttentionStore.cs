using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>What the county must act on, kept as it happens (table Attention, one partition per county).</summary>
public sealed class AttentionStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Attention);

    /// <summary>Records (or updates the reason of) ledger work that could not be written; keeps when it was first seen.</summary>
    public async Task UnattributedAsync(string countyCode, string sourceId, string orderId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var row = UnattributedEntity.Prefix + sourceId;
        var existing = await Table.GetEntityIfExistsAsync<UnattributedEntity>(countyCode, row, cancellationToken: ct);
        await Table.UpsertEntityAsync(new UnattributedEntity
        {
            PartitionKey = countyCode, RowKey = row, SourceId = sourceId, OrderId = orderId, Reason = reason,
            Since = existing.HasValue && existing.Value is { } e ? e.Since : now,
        }, TableUpdateMode.Replace, ct);
    }

    public Task AttributedAsync(string countyCode, string sourceId, CancellationToken ct) =>
        Table.DeleteEntityAsync(countyCode, UnattributedEntity.Prefix + sourceId, ETag.All, ct);

    /// <summary>Ledger work not written yet, newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<UnattributedShipment>> UnattributedAsync(string countyCode, int max, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {countyCode} and RowKey ge {UnattributedEntity.Prefix} and RowKey lt {"u~~"}");
        var found = new List<UnattributedShipment>();
        await foreach (var row in Table.QueryAsync<UnattributedEntity>(filter, cancellationToken: ct))
            found.Add(new UnattributedShipment(row.SourceId, row.OrderId, Orders.OrderView.Instant(row.Since), row.Reason));
        return found.OrderByDescending(u => u.Since, StringComparer.Ordinal).Take(max).ToList();
    }
}
