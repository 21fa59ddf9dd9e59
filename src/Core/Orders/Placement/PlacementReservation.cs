using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>
/// Takes a placement's stock, all or nothing: the claim's township first, in the transaction that inserts the claim, then the
/// other townships together. Every reservation is idempotent (its rows name the order), so a resumed placement takes each
/// line once. Also the three ways a placement gives stock back, each named for what it gives back.
/// </summary>
public sealed class PlacementReservation(StockStore stock, ClaimStore claims, PlacementLeases leases, ILogger<PlacementReservation> logger)
{
    public sealed record Result(IReadOnlyList<OrderLine> Lines, IReadOnlyList<Shortage> Shortages);

    /// <summary>The priced lines, or the shortages (nothing kept). A busy or unknown listing gives everything back, frees the key, and throws.</summary>
    public async Task<Result> ReserveAsync(PlacementClaim claim, bool resume, CancellationToken ct)
    {
        // One reservation transaction per township, or more when its lines need more operations than one may hold.
        var groups = claim.Request.Lines.GroupBy(l => Listing.TownshipOf(l.ListingId)!).OrderBy(g => g.Key == claim.Township ? 0 : 1)
            .SelectMany(g => g.Chunk(StockStore.MaxLinesPerTransaction).Select(lines => (Key: g.Key, Lines: lines.ToList()))).ToList();
        var stopAt = leases.StopAt(claim);
        var reserved = new List<OrderLine>();
        var shortages = new List<Shortage>();
        var claimed = resume;
        try
        {
            var first = await stock.ReserveAsync(groups[0].Key, claim.OrderId, claim.StationId, groups[0].Lines, resume,
                resume ? null : claims.WithReservation(claim), stopAt, ct);
            claimed = claimed || first.Shortages.Count == 0;
            var rest = first.Shortages.Count > 0 ? [] : await Task.WhenAll(groups.Skip(1)
                .Select(g => stock.ReserveAsync(g.Key, claim.OrderId, claim.StationId, g.Lines, resume, null, stopAt, ct)));
            foreach (var result in rest.Prepend(first)) { reserved.AddRange(result.Lines); shortages.AddRange(result.Shortages); }
        }
        catch (CommerceException)
        {
            await ReleaseStockAndFreeKeyAsync(claim, claimed, ct);
            throw;
        }
        if (shortages.Count > 0) await ReleaseStockWhileLeasedAsync(claim, ct);
        return shortages.Count > 0 ? new([], shortages) : new(reserved, []);
    }

    /// <summary>
    /// Gives back whatever stock this order holds, with a hard stop: past half its lease an attempt gives back nothing,
    /// because a replay or the router may own the placement by now and have reserved the same order's stock. It leaves
    /// the placement to them (409 in flight). Commits need no such check: the order and the key's record are inserted
    /// together, insert-only, so only one attempt commits.
    /// </summary>
    public async Task ReleaseStockWhileLeasedAsync(PlacementClaim claim, CancellationToken ct)
    {
        if (leases.IsPastHalf(claim))
        {
            logger.LogWarning("Order {OrderId}: placement ran past half its lease; leaving it to recovery", claim.OrderId);
            throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
        await ReleaseStockOfLostOrderAsync(claim, ct);
    }

    /// <summary>Gives the stock back (while leased) and, when this attempt claimed the key, frees it: the client can simply send the request again.</summary>
    public async Task ReleaseStockAndFreeKeyAsync(PlacementClaim claim, bool claimed, CancellationToken ct)
    {
        await ReleaseStockWhileLeasedAsync(claim, ct);
        if (claimed) await leases.FreeKeyAsync(claim, ct);
    }

    /// <summary>
    /// Gives back the stock taken under this claim's order id, whatever the lease: for an order that can never commit (the
    /// key's record names another answer), so nobody else will give it back.
    /// </summary>
    public Task ReleaseStockOfLostOrderAsync(PlacementClaim claim, CancellationToken ct) =>
        stock.ReleaseAllAsync(claim.OrderId, claim.Request.Lines.Select(l => l.ListingId), ct);
}
