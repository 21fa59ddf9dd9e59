using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Attribution.Storage;

/// <summary>The ledger outbox (<see cref="PendingLedgerEntity"/>): inserted by Orders.Storage.OrderStore with the order change.</summary>
public sealed class PendingLedgerStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Orders);

    /// <summary>A station's owed work, oldest change first: one RowKey range of its partition, whatever the station's history.</summary>
    public async Task<IReadOnlyList<LedgerWork>> ListAsync(string stationId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {stationId} and RowKey ge {PendingLedgerEntity.Prefix} and RowKey lt {"a~~"}");
        var found = new List<LedgerWork>();
        await foreach (var row in Table.QueryAsync<PendingLedgerEntity>(filter, cancellationToken: ct)) found.Add(row.ToWork());
        return found.OrderBy(w => w.At).ToList();
    }

    public async Task<bool> ExistsAsync(string stationId, string id, CancellationToken ct) =>
        (await Table.GetEntityIfExistsAsync<PendingLedgerEntity>(stationId, PendingLedgerEntity.Prefix + id, [nameof(PendingLedgerEntity.Id)], ct)).HasValue;

    /// <summary>The work is done: gone already is fine.</summary>
    public Task DoneAsync(string stationId, string id, CancellationToken ct) =>
        Table.DeleteEntityAsync(stationId, PendingLedgerEntity.Prefix + id, Azure.ETag.All, ct);
}
