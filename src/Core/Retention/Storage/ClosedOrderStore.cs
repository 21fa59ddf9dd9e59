using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Retention.Storage;

/// <summary>
/// The rows that follow a closed order (<see cref="ClosedOrderEntity"/>, <see cref="ErasureDueEntity"/>), its placement
/// leftovers in Listings, and the erasure of its recipient. Each read is one RowKey range of a station's partition that
/// holds only work still to do (done rows are deleted), so its cost follows the work, not the history.
/// </summary>
public sealed class ClosedOrderStore(CommerceStorage storage)
{
    private TableClient Orders => storage.Table(TableNames.Orders);

    public async Task<IReadOnlyList<string>> ClosedAsync(string stationId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {stationId} and RowKey ge {ClosedOrderEntity.Prefix} and RowKey lt {"c~~"}");
        var ids = new List<string>();
        await foreach (var row in Orders.QueryAsync<ClosedOrderEntity>(filter, cancellationToken: ct)) ids.Add(row.OrderId);
        return ids;
    }

    /// <summary>Deletes an order's reservation rows (<paramref name="listingIds"/>) and its claim row of one township's partition.</summary>
    public Task RemoveLeftoversAsync(string township, string orderId, IEnumerable<string> listingIds, string? claimRow, CancellationToken ct)
    {
        var rows = listingIds.Select(l => StockStore.ReservationKey(l, orderId));
        return BatchDelete.RunAsync(storage.Table(TableNames.Listings), township, claimRow is null ? rows : rows.Append(claimRow), ct);
    }

    /// <summary>The closing row becomes the order's erasure row of <paramref name="day"/>, in one transaction.</summary>
    public async Task MoveToErasureAsync(string stationId, string orderId, DateOnly day, CancellationToken ct)
    {
        try
        {
            await Orders.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, ClosedOrderEntity.From(stationId, orderId), ETag.All),
                new(TableTransactionActionType.UpsertReplace, ErasureDueEntity.From(stationId, orderId, day)),
            ], ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // A parallel run moved it already.
        }
    }

    /// <summary>The station's orders whose recipient is due for erasure on or before <paramref name="through"/>.</summary>
    public async Task<IReadOnlyList<ErasureDueEntity>> DueAsync(string stationId, DateOnly through, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {stationId} and RowKey ge {ErasureDueEntity.Prefix} and RowKey lt {ErasureDueEntity.Day(through.AddDays(1))}");
        var due = new List<ErasureDueEntity>();
        await foreach (var row in Orders.QueryAsync<ErasureDueEntity>(filter, cancellationToken: ct)) due.Add(row);
        return due;
    }

    /// <summary>Blanks the order's recipient (a merge of those two properties alone) and deletes its erasure row, in one transaction.</summary>
    public async Task EraseAsync(ErasureDueEntity due, CancellationToken ct)
    {
        var orderRow = OrderEntity.Row(Core.Orders.OrderId.Parse(due.OrderId)!.Value.Suffix);
        var blank = new TableEntity(due.PartitionKey, orderRow) { [nameof(OrderEntity.RecipientName)] = "", [nameof(OrderEntity.RecipientPhone)] = "" };
        try
        {
            await Orders.SubmitTransactionAsync(
                [new(TableTransactionActionType.UpdateMerge, blank, ETag.All), new(TableTransactionActionType.Delete, due, ETag.All)], ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            await Orders.DeleteEntityAsync(due.PartitionKey, due.RowKey, ETag.All, ct); // the order (or the row) is gone: nothing to erase
        }
    }
}
