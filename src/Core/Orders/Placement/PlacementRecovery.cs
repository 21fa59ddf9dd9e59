using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>The router's side of placement: finishes a placement whose process died, once its lease ran out.</summary>
public sealed class PlacementRecovery(PlacementExecution execution, PlacementLeases leases, IdempotencyStore records, IOptions<OrderOptions> options,
    ILogger<PlacementRecovery> logger)
{
    /// <summary>
    /// Called by the router for an order it cannot find: null when there is nothing (more) to do, else when to look again
    /// (when the placement's lease runs out). Takes over a placement whose claim's lease ran out and finishes it.
    /// </summary>
    public async Task<TimeSpan?> RecoverAsync(OrderToRoute message, CancellationToken ct)
    {
        if (message.IdempotencyKey is null || message.ClaimTownship is null) return null;
        if (await records.FindAsync(message.StationId, IdempotentRequest.RowOf(PlacementClaim.Operation, message.IdempotencyKey), ct) is not null) return null;
        var claim = await leases.FindAsync(message.ClaimTownship, message.StationId, message.IdempotencyKey, ct);
        if (claim is null)
        {
            // Not claimed: the attempt took nothing (or gave up and freed the key). Once its lease is over, it never will.
            var started = OrderId.TimeOf(message.OrderId) ?? DateTimeOffset.MinValue;
            return leases.LookAgainIn(started);
        }
        if (!leases.IsStale(claim)) return leases.LookAgainIn(claim.LeasedAt);
        if (!await leases.TakeOverAsync(claim, ct)) return options.Value.RouteDelay; // another attempt took it over just now
        logger.LogWarning("Order {OrderId}: the router takes over an abandoned placement (attempt {Attempt})", claim.OrderId, claim.Attempt);
        // Through the fence of the key that claimed it: a key revoked before the commit commits nothing, whoever commits.
        await execution.RunAsync(claim, resume: true, fence: claim.Fence, ct);
        return null;
    }
}
