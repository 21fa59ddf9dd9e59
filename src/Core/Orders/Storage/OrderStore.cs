using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Orders.Storage;

public sealed class OrderStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Orders);

    public async Task<OrderEntity?> FindAsync(string orderId, CancellationToken ct)
    {
        if (Order.Parse(orderId) is not { } id) return null;
        var row = await Table.GetEntityIfExistsAsync<OrderEntity>(id.StationId, OrderEntity.Row(id.Suffix), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    public async Task<IdempotencyEntity?> FindIdempotencyAsync(string stationId, string row, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<IdempotencyEntity>(stationId, row, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Inserts the key's record; false when one exists already.</summary>
    public async Task<bool> TryAddIdempotencyAsync(IdempotencyEntity record, CancellationToken ct)
    {
        try
        {
            var response = await Table.AddEntityAsync(record, ct);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The order and a change to it, plus a new idempotency record, in one transaction.</summary>
    public Task<bool> TryReplaceWithRecordAsync(OrderEntity order, IdempotencyEntity record, CancellationToken ct) =>
        TryCommitAsync(order, insertOrder: false, record, insertRecord: true, ct);

    /// <summary>
    /// One entity group transaction: the order write and the idempotency record commit together or not at all. With a
    /// <paramref name="fenceKeyId"/> it also touches that API key's fence row (merge, If-Match *): a revoked key's fence is gone,
    /// and the transaction fails (see Security.ApiKeyService).
    /// </summary>
    public async Task<bool> TryCommitAsync(OrderEntity order, bool insertOrder, IdempotencyEntity record, bool insertRecord, CancellationToken ct,
        string? fenceKeyId = null)
    {
        try
        {
            List<TableTransactionAction> batch =
            [
                insertOrder ? new(TableTransactionActionType.Add, order) : new(TableTransactionActionType.UpdateReplace, order, order.ETag),
                insertRecord ? new(TableTransactionActionType.Add, record) : new(TableTransactionActionType.UpdateReplace, record, record.ETag),
            ];
            if (fenceKeyId is not null)
                batch.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(order.PartitionKey, Security.ApiKeyService.FenceRow(fenceKeyId)), ETag.All));
            await Table.SubmitTransactionAsync(batch, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    public async Task<bool> TryReplaceAsync(OrderEntity order, CancellationToken ct)
    {
        try
        {
            await Table.UpdateEntityAsync(order, order.ETag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<ResultPage<Order>> ListAsync(string stationId, string? status, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {stationId} and RowKey ge {"o"} and RowKey lt {"p"}");
        if (status is not null) filter += " and " + TableClient.CreateQueryFilter($"Status eq {status}");
        return await Table.QueryPageAsync<OrderEntity, Order>(filter, pageSize, continuationToken, e => e.ToOrder(), ct);
    }
}
