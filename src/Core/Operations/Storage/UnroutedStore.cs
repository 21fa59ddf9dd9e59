using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>Orders routing stopped short on, for GET /api/attention (table Attention, the county's partition).</summary>
public sealed class UnroutedStore(CommerceStorage storage, IOptions<CommerceOptions> options)
{
    private TableClient Table => storage.Table(TableNames.Attention);
    private string County => options.Value.CountyCode;

    /// <summary>Records (or updates) why the order is not routed; written after the order saved it, so the order's Since is kept.</summary>
    public Task MarkAsync(Order order, CancellationToken ct) => Table.UpsertEntityAsync(new UnroutedEntity
    {
        PartitionKey = County, RowKey = UnroutedEntity.Prefix + order.Id, OrderId = order.Id, StationId = order.StationId,
        Since = order.Progress.Since ?? DateTimeOffset.UtcNow, Reason = order.Progress.Reason ?? "", Waiting = !order.Progress.Unroutable,
    }, TableUpdateMode.Replace, ct);

    /// <summary>The order is routed or cancelled; idempotent.</summary>
    public async Task ClearAsync(string orderId, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(County, UnroutedEntity.Prefix + orderId, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>
    /// Unroutable orders, and orders waiting for room since before <paramref name="waitingSince"/>; newest first, at most
    /// <paramref name="max"/>. The rows are few: each goes when its order is routed or cancelled.
    /// </summary>
    public async Task<IReadOnlyList<UnroutedOrder>> ListAsync(DateTimeOffset waitingSince, int max, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {County} and RowKey ge {UnroutedEntity.Prefix} and RowKey lt {"r~~"}");
        var found = new List<UnroutedEntity>();
        await foreach (var row in Table.QueryAsync<UnroutedEntity>(filter, cancellationToken: ct))
            if (!row.Waiting || row.Since <= waitingSince) found.Add(row);
        return found.OrderByDescending(r => r.Since).Take(max)
            .Select(r => new UnroutedOrder(r.OrderId, r.StationId, OrderView.Instant(r.Since), r.Reason)).ToList();
    }
}
