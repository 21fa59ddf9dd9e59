using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>Scans and unlocks: hubs and stations move a shipment along its legs, and the county lifts a pickup-code lock.</summary>
public sealed class ScanService(OrderStore orders, IdempotentOperations idempotency, QueueSender queue, Operations.Storage.LockedStore locked,
    TimeProvider clock, ILogger<ScanService> logger)
{
    public const string Operation = "scan";

    public async Task<StoredResponse> ScanAsync(Caller caller, string shipmentId, IdempotencyKey key, ScanRequest? request, CancellationToken ct)
    {
        var v = new Validator();
        if (request?.Event is not (ScanEvent.Depart or ScanEvent.Arrive or ScanEvent.Pickup)) v.Add("event", "must be depart, arrive or pickup.");
        if (!Ids.IsSafe(request?.NodeId)) v.Add("nodeId", "must be a hub or station id.");
        if (request?.Event == ScanEvent.Pickup && !PickupCode.IsWellFormed(request.PickupCode)) v.Add("pickupCode", "must be the order's 6-digit pickup code.");
        v.ThrowIfInvalid();
        var scan = request!;
        var nodeId = scan.NodeId!;
        if (!caller.IsCounty && caller.NodeId != nodeId) throw new NotFoundException("Shipment");
        var orderId = ShipmentIds.OrderOf(shipmentId) ?? throw new NotFoundException("Shipment");
        // A scan's key is scoped to the scanning node (the county scanning for a node acts as that node): each scanner numbers its own scans.
        var idempotent = IdempotentRequest.Of(OrderId.Parse(orderId)!.Value.StationId, Operation, $"{shipmentId}~{nodeId}~{key}", "scan",
            shipmentId, scan.Event, nodeId, scan.PickupCode);
        Task OnReplay(StoredResponse kept) => kept.Status == 200 && JsonNode.Parse(kept.Body)?["status"]?.GetValue<string>() == ShipmentStatus.Delivered
            ? SendDeliveredAsync(orderId, shipmentId) // sooner than reconciliation, for a send lost after the commit
            : Task.CompletedTask;

        // The happy path reads only the order: a replay shows itself as a rejected transition or as a key the commit finds taken.
        return await idempotency.RunAsync(idempotent, async token =>
        {
            var (order, shipment) = await LoadAsync(shipmentId, token);
            if (!shipment.IsOnPath(nodeId)) throw new NotFoundException("Shipment");
            var result = order.Scan(shipment, scan.Event!, nodeId, scan.PickupCode, clock.GetUtcNow());
            if (!result.Changed)
            {
                if (await idempotency.FindAnswerAsync(idempotent, token) is { } replay)
                {
                    await OnReplay(replay);
                    return replay;
                }
                // Locked: listed for the county already, unless the write after the locking scan was lost.
                if (result.Outcome == TransitionOutcome.Locked) await locked.MarkAsync(shipmentId, order.Id, nodeId, clock.GetUtcNow(), token);
                result.ThrowIfRejected(); // out of order or locked: nothing to save
            }
            var response = result.Succeeded
                ? StoredResponse.Success(200, ShipmentView.From(shipment))
                : StoredResponse.Rejection(422, new StoredRejection("Unprocessable request", result.Detail));
            if (!await orders.TrySaveAsync(order, idempotent.Answered(response, order.Id, clock.GetUtcNow()), token)) return null;
            logger.LogInformation("Shipment {ShipmentId}: {Event} at {NodeId} ({Outcome})", shipmentId, scan.Event, nodeId, result.Outcome);
            if (result.Outcome == TransitionOutcome.WrongCode && shipment.IsLocked)
                await locked.MarkAsync(shipmentId, order.Id, nodeId, clock.GetUtcNow(), CancellationToken.None); // the county must act
            // The pickup's transaction wrote the ledger work owed (the outbox row); the message only makes it quick.
            if (result.Succeeded && shipment.Status == ShipmentStatus.Delivered) await SendDeliveredAsync(order.Id, shipmentId);
            return response;
        }, OnReplay, ct, busy: "The shipment is busy; try again shortly.");
    }

    public async Task<ShipmentView> UnlockAsync(Caller caller, string shipmentId, CancellationToken ct)
    {
        caller.RequireCounty();
        for (var attempt = 0; ; attempt++)
        {
            var (order, shipment) = await LoadAsync(shipmentId, ct);
            if (!order.Unlock(shipment).Changed || await orders.TrySaveAsync(order, null, ct))
            {
                await locked.ClearAsync(shipmentId, ct);
                logger.LogInformation("Shipment {ShipmentId} unlocked by {KeyId}", shipmentId, caller.KeyId);
                return ShipmentView.From(shipment);
            }
            if (attempt >= 4) throw new ConflictException("The shipment is busy; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Not cancelled with the request: a client that hangs up after the commit must not hold up the ledger.</summary>
    private Task SendDeliveredAsync(string orderId, string shipmentId) =>
        queue.SendAsync(QueueNames.ShipmentsDelivered, new ShipmentDeliveredMessage(orderId, shipmentId), null, CancellationToken.None);

    private async Task<(Order Order, Shipment Shipment)> LoadAsync(string shipmentId, CancellationToken ct)
    {
        var orderId = ShipmentIds.OrderOf(shipmentId) ?? throw new NotFoundException("Shipment");
        var order = await orders.FindAsync(orderId, ct) ?? throw new NotFoundException("Shipment");
        return (order, order.FindShipment(shipmentId) ?? throw new NotFoundException("Shipment"));
    }
}
