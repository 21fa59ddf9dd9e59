using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Lianhua.Commerce.Core.Orders.Storage;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>
/// Writes the key's final record (with the order, for a 201) in one insert-only transaction: the first attempt to get
/// there wins. An attempt that loses gets the winner's answer; unless the winner made this same order, it gives back the
/// stock it took for its own (the winner made another order for a different request under the key, or answered
/// "short" for this one before a takeover reserved again).
/// </summary>
public sealed class PlacementCommit(OrderStore orders, IdempotencyStore records, PlacementReservation reservation, ClaimStore claims, TimeProvider clock)
{
    /// <param name="order">The new order; null for an answer that places none (short of stock).</param>
    /// <param name="fence">The station key's fence the order's commit goes through (see Security.ApiKeyService).</param>
    public async Task<StoredResponse> CompleteAsync(PlacementClaim claim, Order? order, StoredResponse response, string? fence, CancellationToken ct)
    {
        var request = claim.Idempotent;
        var record = request.Answered(response, claim.OrderId, clock.GetUtcNow());
        var committed = order is null ? await records.TryAddAsync(record, ct) : await orders.TryInsertAsync(order, record, fence, ct);
        // A shortage's claim (in the first township when a later one was short) would stay for good: no order ever closes
        // to remove it (Retention.ClosedOrders). Its record answers replays now. A rare answer, so one more request is fine.
        if (committed && order is null) await claims.ForgetAsync(claim, ct);
        if (committed) return response with { CommittedHere = order is not null };
        var final = await records.FindAsync(request.Scope, request.Row, ct);
        if (final is null)
        {
            // Nothing committed: the key's fence is gone (revoked meanwhile) or the transaction failed otherwise. Take nothing.
            await reservation.ReleaseStockAndFreeKeyAsync(claim, claimed: true, ct);
            throw new ConflictException("The order could not be committed; try again.", retryAfter: TimeSpan.FromSeconds(1));
        }
        // Ours lost. Unless the winner made this very order (a takeover of ours), no order with our id can ever commit now
        // (the key's record is taken, insert-only), so the stock reserved under it is nobody's: give it back, however late.
        if (order is not null && (final.OrderId != claim.OrderId || final.Response.Status != 201))
            await reservation.ReleaseStockOfLostOrderAsync(claim, ct);
        // Someone else (a replay or the router that took over) finished it: theirs is the answer.
        return request.Replay(final) with { Replayed = false };
    }
}
