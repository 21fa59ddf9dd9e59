using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Households;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders.Placement;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Orders.Storage;

/// <summary>Placement claims (see <see cref="ClaimEntity"/>). A claim is inserted only with a reservation, through <see cref="WithReservation"/>.</summary>
public sealed class ClaimStore(CommerceStorage storage, PersonalDataProtector protector)
{
    private TableClient Table => storage.Table(TableNames.Listings);
    private PersonalDataProtector Protector => protector;

    public async Task<PlacementClaim?> FindAsync(string township, string stationId, string key, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<ClaimEntity>(township, ClaimEntity.Row(stationId, key), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? ToClaim(e, key) : null;
    }

    /// <summary>Conditional on the claim's version (a takeover): false when someone else changed or removed it.</summary>
    public async Task<bool> TryReplaceAsync(PlacementClaim claim, CancellationToken ct)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ClaimEntity.From(claim, protector), new ETag(claim.Version!), TableUpdateMode.Replace, ct);
            claim.Version = response.Headers.ETag?.ToString();
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Frees the key (the placement gave up and took nothing): conditional on the claim's version, gone already is fine.</summary>
    public async Task DeleteAsync(PlacementClaim claim, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(claim.Township, ClaimEntity.Row(claim.StationId, claim.Key), claim.Version is { } v ? new ETag(v) : default, ct);
        }
        catch (RequestFailedException e) when (e.Status is 412)
        {
        }
    }

    /// <summary>
    /// Removes the claim once its key's final record exists (which answers every replay from then on): whoever's it is, and
    /// gone (or never inserted) is fine.
    /// </summary>
    public Task ForgetAsync(PlacementClaim claim, CancellationToken ct) =>
        Table.DeleteEntityAsync(claim.Township, ClaimEntity.Row(claim.StationId, claim.Key), ETag.All, ct);

    /// <summary>The claim as the row its township's reservation transaction inserts.</summary>
    public IReservationClaim WithReservation(PlacementClaim claim) => new Rider(this, claim);

    private PlacementClaim ToClaim(ClaimEntity e, string key) =>
        new(e.PartitionKey, e.StationId, key, e.ToRequest(protector), e.RequestHash, e.OrderId, e.PickupCode,
            e.StartedAt, e.Fence) { LeasedAt = e.LeasedAt, Attempt = e.Attempt, Version = e.ETag.ToString() };

    private sealed class Rider(ClaimStore store, PlacementClaim claim) : IReservationClaim
    {
        public ITableEntity Row { get; } = ClaimEntity.From(claim, store.Protector);

        public async Task CheckShortageAsync(CancellationToken ct)
        {
            if (await store.FindAsync(claim.Township, claim.StationId, claim.Key, ct) is { } other && other.OrderId != claim.OrderId) throw new KeyTakenException();
        }

        public async Task<bool> ExistsAsync(CancellationToken ct)
        {
            if (await store.FindAsync(claim.Township, claim.StationId, claim.Key, ct) is not { } existing) return false;
            if (existing.OrderId != claim.OrderId) throw new KeyTakenException();
            claim.Version = existing.Version;
            return true;
        }

        public void Inserted(ETag etag) => claim.Version = etag.ToString();
    }
}
