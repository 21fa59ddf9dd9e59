using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>Shipments locked after wrong pickup codes, for GET /api/attention (table Attention, the county's partition).</summary>
public sealed class LockedStore(CommerceStorage storage, IOptions<CommerceOptions> options)
{
    private TableClient Table => storage.Table(TableNames.Attention);
    private string County => options.Value.CountyCode;

    /// <summary>Written right after the scan that locked it committed (and again when a locked shipment refuses a pickup).</summary>
    public Task MarkAsync(string shipmentId, string orderId, string nodeId, DateTimeOffset since, CancellationToken ct) =>
        Table.UpsertEntityAsync(new LockedEntity
        {
            PartitionKey = County, RowKey = LockedEntity.Prefix + shipmentId, ShipmentId = shipmentId, OrderId = orderId, NodeId = nodeId, Since = since,
        }, TableUpdateMode.Replace, ct);

    /// <summary>The shipment was unlocked; idempotent.</summary>
    public async Task ClearAsync(string shipmentId, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(County, LockedEntity.Prefix + shipmentId, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>Locked shipments, newest first, at most <paramref name="max"/>; few, since each goes when it is unlocked.</summary>
    public async Task<IReadOnlyList<LockedShipment>> ListAsync(int max, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {County} and RowKey ge {LockedEntity.Prefix} and RowKey lt {"l~~"}");
        var found = new List<LockedEntity>();
        await foreach (var row in Table.QueryAsync<LockedEntity>(filter, cancellationToken: ct)) found.Add(row);
        return found.OrderByDescending(r => r.Since).Take(max)
            .Select(r => new LockedShipment(r.ShipmentId, r.OrderId, r.NodeId, OrderView.Instant(r.Since))).ToList();
    }
}
