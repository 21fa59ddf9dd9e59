using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>
/// Places an order crash-safely: (1) send orders-placed (hidden briefly) so recovery is driven even if this process dies,
/// (2) reserve the first township's stock and claim the Idempotency-Key in one transaction (the claim row lives next to that
/// stock and holds the request), then the other townships' stock, all or nothing, (3) commit the order and the key's final
/// record in one transaction (<see cref="PlacementExecution"/>). A second request with the key waits for the first one's
/// answer, and takes the placement over when the first one's lease ran out (<see cref="PlacementLeases"/>).
/// </summary>
public sealed class PlacementService(PlacementExecution execution, PlacementLeases leases, IdempotencyStore records, OrdersPlacedQueue queue,
    Foreground foreground, ApiKeyService keys, IOptions<OrderOptions> options, TimeProvider clock, ILogger<PlacementService> logger)
{
    /// <summary>
    /// <paramref name="caller"/> is a station key (the HTTP function checked). Its placement commits through the key's fence
    /// (<see cref="Caller.Fenced"/>), so none commits once the key is revoked. A caller authenticated from a copy of its key
    /// (<see cref="Caller.FromCopy"/>) gets any other answer, or error, only after the key is read afresh.
    /// </summary>
    public async Task<StoredResponse> PlaceAsync(Caller caller, IdempotencyKey key, OrderRequest? request, CancellationToken ct)
    {
        var response = await keys.VerifiedOnFailureAsync(caller, () => PlaceAsync(caller.ScopeId!, key.Value, request, caller.Fenced ? caller.KeyId : null, ct), ct);
        if (!response.CommittedHere) await keys.VerifyAsync(caller, ct);
        return response;
    }

    private async Task<StoredResponse> PlaceAsync(string stationId, string key, OrderRequest? request, string? fence, CancellationToken ct)
    {
        var place = PlaceOrder.From(request);
        using var running = foreground.Enter();
        // The township of the first line: its reservation transaction carries the claim.
        var township = Listing.TownshipOf(place.Lines[0].ListingId)!;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var claim = PlacementClaim.New(township, stationId, key, place, clock.GetUtcNow(), fence);
            await queue.SendPlacedAsync(new OrderToRoute(claim.OrderId, stationId, key, township), ct);
            try
            {
                return await execution.RunAsync(claim, resume: false, fence, ct);
            }
            catch (KeyTakenException)
            {
                // Another attempt of this key holds the claim (or finished): its answer is ours.
            }
            if (await AwaitAnswerAsync(claim, fence, ct) is { } existing) return existing;
        }
        throw new ConflictException("This Idempotency-Key is busy; try again.", retryAfter: TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// The answer of the attempt that holds the key (<paramref name="mine"/> is this request's claim, not stored): its final
    /// record, or the placement taken over once its lease ran out; null when it gave up and freed the key; 409 after a short wait.
    /// </summary>
    private async Task<StoredResponse?> AwaitAnswerAsync(PlacementClaim mine, string? fence, CancellationToken ct)
    {
        var request = mine.Idempotent;
        var deadline = clock.GetUtcNow() + options.Value.InFlightWait;
        while (true)
        {
            if (await records.FindAsync(request.Scope, request.Row, ct) is { } record) return request.Replay(record);
            var claim = await leases.FindAsync(mine.Township, mine.StationId, mine.Key, ct);
            if (claim is null) return null; // the first attempt gave up and freed the key: claim it again
            if (claim.RequestHash != mine.RequestHash) throw request.DifferentRequest();
            if (leases.IsStale(claim) && await leases.TakeOverAsync(claim, ct))
            {
                logger.LogWarning("Order {OrderId}: taking over an abandoned placement (attempt {Attempt})", claim.OrderId, claim.Attempt);
                await queue.SendAsync(new OrderToRoute(claim.OrderId, claim.StationId, claim.Key, claim.Township), options.Value.RouteDelay, ct);
                return (await execution.RunAsync(claim, resume: true, fence, ct)) with { Replayed = true };
            }
            if (clock.GetUtcNow() >= deadline)
                throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150), clock, ct);
        }
    }
}
