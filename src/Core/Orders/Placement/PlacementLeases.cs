using Lianhua.Commerce.Core.Orders.Storage;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>
/// The lease a claim holds on its placement. An attempt works while the lease is young; past half of it, it takes and gives
/// back nothing more (<see cref="StopAt"/>); once the lease is over the placement is presumed dead, and a replay or the
/// router may take it over: a new lease and attempt, conditional on the claim as it was read.
/// </summary>
public sealed class PlacementLeases(ClaimStore claims, IOptions<OrderOptions> options, TimeProvider clock)
{
    private TimeSpan Lease => options.Value.PlacementLease;

    public Task<PlacementClaim?> FindAsync(string township, string stationId, string key, CancellationToken ct) =>
        claims.FindAsync(township, stationId, key, ct);

    public bool IsStale(PlacementClaim claim) => clock.GetUtcNow() - claim.LeasedAt > Lease;

    /// <summary>Past this the attempt neither takes nor gives back stock: the placement may have changed hands.</summary>
    public DateTimeOffset StopAt(PlacementClaim claim) => claim.LeasedAt + Lease / 2;

    public bool IsPastHalf(PlacementClaim claim) => clock.GetUtcNow() - claim.LeasedAt >= Lease / 2;

    /// <summary>A new lease for a new attempt; false when another attempt changed or removed the claim first.</summary>
    public async Task<bool> TakeOverAsync(PlacementClaim claim, CancellationToken ct)
    {
        claim.LeasedAt = clock.GetUtcNow();
        claim.Attempt++;
        return await claims.TryReplaceAsync(claim, ct);
    }

    /// <summary>Null once a lease that started then is over, else a little after it will be.</summary>
    public TimeSpan? LookAgainIn(DateTimeOffset leasedAt)
    {
        var left = leasedAt + Lease - clock.GetUtcNow();
        return left < TimeSpan.Zero ? null : left + options.Value.RouteDelay;
    }

    /// <summary>Frees the key: the placement gave up and holds nothing, so the client can simply send the request again.</summary>
    public Task FreeKeyAsync(PlacementClaim claim, CancellationToken ct) => claims.DeleteAsync(claim, ct);
}
