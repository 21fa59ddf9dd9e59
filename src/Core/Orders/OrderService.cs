using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>Reads a station's orders, and cancels them.</summary>
public sealed class OrderService(OrderStore orders, StockStore stock, Routing.RoutingService routing, IdempotentOperations idempotency,
    OrdersPlacedQueue queue, Operations.Storage.UnroutedStore unrouted, IOptions<OrderOptions> options, TimeProvider clock, ILogger<OrderService> logger)
{
    public const string CancelOperation = "cancel";

    /// <summary>The owner station or the county; for anyone else the order does not exist.</summary>
    public async Task<Order> GetAsync(Caller caller, string orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        return order is not null && (caller.IsCounty || caller.IsStation(order.StationId)) ? order : throw new NotFoundException("Order");
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
    public async Task<StoredResponse> CancelAsync(Caller caller, string orderId, IdempotencyKey key, CancelRequest? request, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Text("reason", request?.Reason, 1, 200).Trim();
        v.ThrowIfInvalid();
        var order = await GetAsync(caller, orderId, ct);
        var cancel = IdempotentRequest.Of(order.StationId, CancelOperation, key.Value, "request", orderId, reason);
        if (await idempotency.FindAnswerAsync(cancel, ct) is { } replay)
        {
            await ReleaseAsync(order, ct);
            return replay;
        }

        // Routing may save the order meanwhile (the legs it holds while it waits for room): then read it again and cancel again.
        Order? cancelled = null;
        var response = await idempotency.RunAsync(cancel, async token =>
        {
            var first = cancelled is null;
            var current = first ? order : await orders.FindAsync(orderId, token) ?? throw new NotFoundException("Order");
            cancelled = current;
            current.Cancel(reason);
            // Sent before the commit, hidden for the placement lease: a cancel that dies after its commit is released by the router.
            if (first) await queue.SendAsync(new OrderToRoute(orderId, order.StationId, null), options.Value.PlacementLease, token);
            var answer = StoredResponse.Success(200, OrderView.From(current));
            return await orders.TrySaveAsync(current, cancel.Answered(answer, orderId, clock.GetUtcNow()), token) ? answer : null;
        }, async _ => await ReleaseAsync(await orders.FindAsync(orderId, ct) ?? order, ct), ct, busy: "The order changed meanwhile; read it and try again.");
        if (response.Replayed) return response; // another attempt with this key cancelled it; its holdings went back just now
        await ReleaseAsync(cancelled!, ct);
        logger.LogInformation("Order {OrderId} cancelled by {KeyId}", orderId, caller.KeyId);
        return response;
    }

    /// <summary>
    /// Gives back the stock and run capacity a cancelled order still holds, and takes it off the county's list of orders routing
    /// stopped short on; idempotent.
    /// </summary>
    public Task ReleaseAsync(Order order, CancellationToken ct) => Task.WhenAll(
        stock.ReleaseAllAsync(order.Id, order.Lines.Select(l => l.ListingId), ct),
        routing.ReleaseRunsAsync(order, ct),
        order.Progress.Reason is null ? Task.CompletedTask : unrouted.ClearAsync(order.Id, ct));
}
