using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Routing;

public sealed record ShipmentDeliveredMessage(string OrderId, string ShipmentId);

/// <summary>Scans, unlock, tracking and runs: the hub and station side of delivery.</summary>
public sealed class ScanService(OrderStore orders, RunStore runs, NetworkService network, QueueSender queue, TimeProvider clock,
    ILogger<ScanService> logger)
{
    public const string Operation = "scan";

    public async Task<StoredResponse> ScanAsync(Caller caller, string shipmentId, string? idempotencyKey, ScanRequest? request, CancellationToken ct)
    {
        var key = IdempotencyKey.Require(idempotencyKey);
        var v = new Validator();
        if (request?.Event is not (ScanEvent.Depart or ScanEvent.Arrive or ScanEvent.Pickup)) v.Add("event", "must be depart, arrive or pickup.");
        if (!Ids.IsSafe(request?.NodeId)) v.Add("nodeId", "must be a hub or station id.");
        if (request?.Event == ScanEvent.Pickup && !PickupCode.IsWellFormed(request.PickupCode)) v.Add("pickupCode", "must be the order's 6-digit pickup code.");
        v.ThrowIfInvalid();
        var scan = request!;
        if (!caller.IsCounty && caller.NodeId != scan.NodeId) throw new NotFoundException("Shipment");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{shipmentId}\n{scan.Event}\n{scan.NodeId}\n{scan.PickupCode}")));

        // The happy path reads only the order: a replay shows itself as a rejected transition or as a key the commit finds taken.
        for (var attempt = 0; ; attempt++)
        {
            var (order, shipment) = await LoadAsync(shipmentId, ct);
            if (!shipment.IsOnPath(scan.NodeId!)) throw new NotFoundException("Shipment");
            var result = scan.Event switch
            {
                ScanEvent.Depart => shipment.Depart(scan.NodeId!, clock.GetUtcNow()),
                ScanEvent.Arrive => shipment.Arrive(scan.NodeId!, clock.GetUtcNow()),
                _ => shipment.Pickup(scan.NodeId!, scan.PickupCode, clock.GetUtcNow()),
            };
            if (!result.Changed)
            {
                if (await ReplayAsync(order, shipmentId, scan.NodeId!, key, hash, ct) is { } replay) return replay;
                result.ThrowIfRejected(); // out of order or locked: nothing to save
            }
            var (status, body, type) = result.Succeeded
                ? (200, JsonSerializer.Serialize(ShipmentView.From(shipment), Json.Options), "application/json")
                : (422, JsonSerializer.Serialize(new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.21", title = "Unprocessable request", status = 422, detail = result.Detail }, Json.Options), "application/problem+json");
            var saved = new IdempotencyEntity
            {
                PartitionKey = order.PartitionKey, RowKey = Row(shipmentId, scan.NodeId!, key), State = IdempotencyEntity.Done, RequestHash = hash, OrderId = order.Id,
                StartedAt = clock.GetUtcNow(), LeasedAt = clock.GetUtcNow(), ResponseStatus = status, ResponseBody = body, ResponseContentType = type,
            };
            if (await SaveAsync(order, shipment, saved, ct))
            {
                logger.LogInformation("Shipment {ShipmentId}: {Event} at {NodeId} ({Outcome})", shipmentId, scan.Event, scan.NodeId, result.Outcome);
                if (result.Succeeded && shipment.Status == ShipmentStatus.Delivered)
                    await queue.SendAsync(QueueNames.ShipmentsDelivered, new ShipmentDeliveredMessage(order.Id, shipmentId), null, ct);
                return new StoredResponse(status, body, type, false);
            }
            // The transaction failed as a whole: the order changed meanwhile, or this key was used already.
            if (await ReplayAsync(order, shipmentId, scan.NodeId!, key, hash, ct) is { } taken) return taken;
            if (attempt >= 4) throw new ConflictException("The shipment is busy; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
    }

    public async Task<ShipmentView> UnlockAsync(Caller caller, string shipmentId, CancellationToken ct)
    {
        caller.RequireCounty();
        for (var attempt = 0; ; attempt++)
        {
            var (order, shipment) = await LoadAsync(shipmentId, ct);
            if (!shipment.Unlock().Changed || await SaveAsync(order, shipment, null, ct))
            {
                logger.LogInformation("Shipment {ShipmentId} unlocked by {KeyId}", shipmentId, caller.KeyId);
                return ShipmentView.From(shipment);
            }
            if (attempt >= 4) throw new ConflictException("The shipment is busy; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
    }

    public async Task<TrackingView> TrackingAsync(Caller caller, string orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        if (order is null || !(caller.IsCounty || caller.IsStation(order.PartitionKey))) throw new NotFoundException("Order");
        return new TrackingView(order.Id, order.Status, order.ReadShipments().Select(s => ShipmentView.From(Shipment.Restore(s))).ToList());
    }

    /// <summary>A node's loading list: runs of the day leaving it and arriving at it.</summary>
    public async Task<IReadOnlyList<RunView>> RunsAsync(Caller caller, string? nodeId, string? date, CancellationToken ct)
    {
        var v = new Validator();
        var net = await network.GetAsync(ct);
        if (nodeId is null || !net.IsNode(nodeId)) v.Add("nodeId", "must be a hub or station of the network.");
        if (!BusinessDay.TryParse(date, out var day)) v.Add("date", "must be a date yyyy-MM-dd.");
        v.ThrowIfInvalid();
        if (!caller.IsCounty && caller.NodeId != nodeId) throw new NotFoundException("Node");
        var neighbours = net.Document.Links.Where(l => l.From == nodeId || l.To == nodeId).Select(l => l.From == nodeId ? l.To : l.From).Distinct();
        var lists = await Task.WhenAll(neighbours.Select(n => runs.DayAsync(n, day, nodeId, ct)).Append(runs.DayAsync(nodeId!, day, null, ct)));
        return lists.SelectMany(l => l).OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal).ToList();
    }

    /// <summary>A scan's key is scoped to the scanning node (the county scanning for a node acts as that node): each scanner numbers its own scans.</summary>
    private static string Row(string shipmentId, string nodeId, string key) => IdempotencyEntity.Row(Operation, $"{shipmentId}~{nodeId}~{key}");

    private async Task<(OrderEntity Order, Shipment Shipment)> LoadAsync(string shipmentId, CancellationToken ct)
    {
        var orderId = ShipmentIds.OrderOf(shipmentId) ?? throw new NotFoundException("Shipment");
        var order = await orders.FindAsync(orderId, ct) ?? throw new NotFoundException("Shipment");
        var snapshot = order.ReadShipments().FirstOrDefault(s => s.Id == shipmentId) ?? throw new NotFoundException("Shipment");
        return (order, Shipment.Restore(snapshot));
    }

    /// <summary>The kept answer when this key was used already (422 when for another scan); null when it was not.</summary>
    private async Task<StoredResponse?> ReplayAsync(OrderEntity order, string shipmentId, string nodeId, string key, string hash, CancellationToken ct)
    {
        var record = await orders.FindIdempotencyAsync(order.PartitionKey, Row(shipmentId, nodeId, key), ct);
        if (record is null) return null;
        if (record.RequestHash != hash) throw new UnprocessableException("This Idempotency-Key was used for a different scan.");
        if (record.ResponseStatus == 200 && System.Text.Json.Nodes.JsonNode.Parse(record.ResponseBody)?["status"]?.GetValue<string>() == ShipmentStatus.Delivered)
            await queue.SendAsync(QueueNames.ShipmentsDelivered, new ShipmentDeliveredMessage(order.Id, shipmentId), null, ct); // heals a send lost after the commit
        return new StoredResponse(record.ResponseStatus, record.ResponseBody, record.ResponseContentType, true);
    }

    /// <summary>The shipment inside the order row, the order's rolled-up status and the scan's record: one transaction.</summary>
    private async Task<bool> SaveAsync(OrderEntity order, Shipment changed, IdempotencyEntity? record, CancellationToken ct)
    {
        var shipments = order.ReadShipments().Select(s => s.Id == changed.Id ? changed : Shipment.Restore(s)).ToList();
        order.WriteShipments(shipments);
        order.Status = OrderStatusRollup.Of(shipments.Select(s => s.Status));
        return record is null ? await orders.TryReplaceAsync(order, ct) : await orders.TryReplaceWithRecordAsync(order, record, ct);
    }
}
