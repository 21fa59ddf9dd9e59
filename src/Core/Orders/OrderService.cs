using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

public sealed record CancelRequest(string? Reason);

public sealed class OrderService(OrderStore orders, StockStore stock, Routing.DeliveryService delivery, OrdersPlacedQueue queue,
    IOptions<OrderOptions> options, TimeProvider clock, ILogger<OrderService> logger)
{
    public const string CancelOperation = "cancel";

    /// <summary>The owner station or the county; for anyone else the order does not exist.</summary>
    public async Task<OrderEntity> GetAsync(Caller caller, string orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        return order is not null && (caller.IsCounty || caller.IsStation(order.PartitionKey)) ? order : throw new NotFoundException("Order");
    }

    public Task<ResultPage<Order>> ListAsync(Caller caller, string stationId, string? status, int pageSize, string? token, CancellationToken ct)
    {
        if (!caller.IsCounty && !caller.IsStation(stationId)) throw new NotFoundException("Station");
        if (status is not null && !OrderStatus.All.Contains(status))
            throw ValidationFailedException.For("status", $"must be one of {string.Join(", ", OrderStatus.All)}.");
        return orders.ListAsync(stationId, status, pageSize, token, ct);
    }

    /// <summary>
    /// Cancels and gives the stock and the booked run capacity back exactly once: the order's new status and the key's
    /// response commit together; both are released after, idempotently, and again on every replay. A crash in between
    /// heals by itself too: an orders-placed message sent before the commit (hidden for the placement lease) has the
    /// router release whatever a cancelled order still holds.
    /// </summary>
    public async Task<StoredResponse> CancelAsync(Caller caller, string orderId, string? idempotencyKey, CancelRequest? request, CancellationToken ct)
    {
        var key = IdempotencyKey.Require(idempotencyKey);
        var reason = new Validator();
        var text = reason.Text("reason", request?.Reason, 1, 200).Trim();
        reason.ThrowIfInvalid();
        var entity = await GetAsync(caller, orderId, ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{orderId}\n{text}")));
        var row = IdempotencyEntity.Row(CancelOperation, key);

        var existing = await orders.FindIdempotencyAsync(entity.PartitionKey, row, ct);
        if (existing is not null)
        {
            if (existing.RequestHash != hash) throw new UnprocessableException("This Idempotency-Key was used for a different request.");
            await ReleaseAsync(entity, ct);
            return new StoredResponse(existing.ResponseStatus, existing.ResponseBody, existing.ResponseContentType, true);
        }

        var shipments = entity.ReadShipments().Select(Routing.Shipment.Restore).ToList();
        var cancelled = entity.ToOrder().Cancel(text, shipments.Any(s => s.HasDeparted || s.Status == Routing.ShipmentStatus.Delivered));
        foreach (var shipment in shipments) shipment.Cancel();
        var body = JsonSerializer.Serialize(OrderView.From(cancelled), Json.Options);
        var record = new IdempotencyEntity
        {
            PartitionKey = entity.PartitionKey, RowKey = row, State = IdempotencyEntity.Done, RequestHash = hash, OrderId = orderId,
            StartedAt = clock.GetUtcNow(), LeasedAt = clock.GetUtcNow(), ResponseStatus = 200, ResponseBody = body, ResponseContentType = "application/json",
        };
        var updated = OrderEntity.From(cancelled, entity.ETag, entity.RoutedAt);
        if (shipments.Count > 0) updated.WriteShipments(shipments);
        await queue.SendAsync(new OrderPlacedMessage(orderId, entity.PartitionKey, null), options.Value.PlacementLease, ct);
        if (!await orders.TryCommitAsync(updated, insertOrder: false, record, insertRecord: true, ct))
            throw new ConflictException("The order changed meanwhile; read it and try again.", retryAfter: TimeSpan.FromSeconds(1));
        await ReleaseAsync(updated, ct);
        logger.LogInformation("Order {OrderId} cancelled by {KeyId}", orderId, caller.KeyId);
        return new StoredResponse(200, body, "application/json", false);
    }

    /// <summary>Gives back the stock and run capacity a cancelled order still holds; idempotent.</summary>
    public Task ReleaseAsync(OrderEntity order, CancellationToken ct) => Task.WhenAll(
        stock.ReleaseAllAsync(order.Id, order.ToOrder().Lines.Select(l => l.ListingId), ct),
        delivery.ReleaseRunsAsync(order, ct));
}
