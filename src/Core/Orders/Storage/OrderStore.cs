using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Lianhua.Commerce.Core.Retention.Storage;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Orders.Storage;

/// <summary>
/// Loads and saves the <see cref="Order"/> aggregate: one row, conditional on the version it was read at, optionally with an
/// Idempotency-Key's record in the same entity group transaction (the record's partition is the order's).
/// </summary>
public sealed class OrderStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Orders);

    public async Task<Order?> FindAsync(string orderId, CancellationToken ct)
    {
        if (OrderId.Parse(orderId) is not { } id) return null;
        var row = await Table.GetEntityIfExistsAsync<OrderEntity>(id.StationId, OrderEntity.Row(id.Suffix), cancellationToken: ct);
        return row.HasValue && row.Value is { } entity ? entity.ToOrder() : null;
    }

    /// <summary>
    /// A new order and its key's record, insert-only, in one transaction: false when either exists already (only one attempt
    /// of a placement commits) or, with a <paramref name="fenceKeyId"/>, when that API key's fence row is gone: the transaction
    /// also touches it (merge, If-Match *), so a revoked key commits nothing (see Security.ApiKeyService).
    /// </summary>
    public Task<bool> TryInsertAsync(Order order, IdempotencyRecord record, string? fenceKeyId, CancellationToken ct)
    {
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, OrderEntity.From(order)),
            new(TableTransactionActionType.Add, IdempotencyEntity.From(record)),
        ];
        if (fenceKeyId is not null)
            batch.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(order.StationId, Security.ApiKeyService.FenceRow(fenceKeyId)), ETag.All));
        return TrySubmitAsync(order, batch, ct);
    }

    /// <summary>
    /// The changed order, if it is still at the version it was read at, with the key's record when there is one (insert-only)
    /// and an outbox row for each ledger work it owes (<see cref="Order.LedgerWork"/>), and its closing row when it was just
    /// delivered or cancelled (<see cref="Order.ClosesNow"/>, see Retention.ClosedOrders): false when the order changed meanwhile
    /// or the key has a record already. On success the order has its new version.
    /// </summary>
    public async Task<bool> TrySaveAsync(Order order, IdempotencyRecord? record, CancellationToken ct)
    {
        var entity = OrderEntity.From(order);
        if (record is not null || order.LedgerWork.Count > 0 || order.ClosesNow)
        {
            List<TableTransactionAction> batch = [new(TableTransactionActionType.UpdateReplace, entity, entity.ETag)];
            if (record is not null) batch.Add(new(TableTransactionActionType.Add, IdempotencyEntity.From(record)));
            batch.AddRange(order.LedgerWork.Select(w => new TableTransactionAction(TableTransactionActionType.UpsertReplace, PendingLedgerEntity.From(order.StationId, w))));
            if (order.ClosesNow) batch.Add(new(TableTransactionActionType.UpsertReplace, ClosedOrderEntity.From(order.StationId, order.Id)));
            if (!await TrySubmitAsync(order, batch, ct)) return false;
            order.LedgerWorkSaved();
            return true;
        }
        try
        {
            var response = await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct);
            order.Version = response.Headers.ETag?.ToString();
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task<bool> TrySubmitAsync(Order order, List<TableTransactionAction> batch, CancellationToken ct)
    {
        try
        {
            var responses = await Table.SubmitTransactionAsync(batch, ct);
            order.Version = responses.Value[0].Headers.ETag?.ToString();
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
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
