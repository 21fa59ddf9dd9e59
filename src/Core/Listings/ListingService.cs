using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Security;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Listings;

public sealed class ListingService(ListingStore store, NetworkService network, Attribution.IHouseholdProfiles households, ILogger<ListingService> logger)
{
    public async Task<Versioned<Listing>> CreateAsync(Caller caller, NewListing? input, CancellationToken ct)
    {
        var stationId = caller.RequireStation();
        var station = (await network.GetAsync(ct)).FindStation(stationId)
            ?? throw new ForbiddenException("This key's station is not in the network.");
        var listing = ListingRules.Create(input, station.Id, station.TownshipCode);
        await RequireRegisteredAsync(listing.Producers, ct);
        var created = await store.AddAsync(listing, ct);
        logger.LogInformation("Listing {ListingId} created by station {StationId}", created.Value.Id, stationId);
        return created;
    }

    /// <summary>A listing's sales are split among its producers: each must be a registered household.</summary>
    private async Task RequireRegisteredAsync(IReadOnlyList<Producer> producers, CancellationToken ct)
    {
        var found = await Task.WhenAll(producers.Select(p => households.FindAsync(p.HouseholdId, ct)));
        var v = new Validator();
        for (var i = 0; i < producers.Count; i++)
            if (found[i] is null) v.Add($"producers[{i}].householdId", "is not a registered household.");
        v.ThrowIfInvalid();
    }

    public async Task<Versioned<Listing>> GetAsync(string id, CancellationToken ct) =>
        await store.FindAsync(id, ct) ?? throw new NotFoundException("Listing");

    public async Task<ResultPage<Listing>> ListAsync(ListingQuery query, CancellationToken ct)
    {
        var net = await network.GetAsync(ct);
        var county = net.CountyCode;
        string? partition = query.TownshipCode;
        if (query.StationId is not null)
        {
            var station = net.FindStation(query.StationId);
            if (station is null || (partition is not null && partition != station.TownshipCode)) return new([], null);
            partition = station.TownshipCode;
        }
        return await store.QueryAsync(county, partition, query.StationId, query.Category, query.PageSize, query.ContinuationToken, ct);
    }

    public async Task<Versioned<Listing>> PatchAsync(Caller caller, string id, string? ifMatch, ListingPatch? patch, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(ifMatch)) throw new PreconditionRequiredException("Send If-Match with the listing's ETag (or *).");
        // With If-Match: * a concurrent change (an order taking stock) is not the client's concern: read again and re-apply.
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.FindAsync(id, ct);
            if (current is null || !(caller.IsCounty || caller.IsStation(current.Value.StationId))) throw new NotFoundException("Listing");
            if (ifMatch != "*" && ifMatch != current.ETag) throw new PreconditionFailedException("The listing has changed; read it again.");
            var updated = ListingRules.Apply(current.Value, patch);
            var saved = await store.TryReplaceAsync(updated, current.ETag, ct);
            if (saved is not null)
            {
                logger.LogInformation("Listing {ListingId} updated by {KeyId}", id, caller.KeyId);
                return saved;
            }
            if (ifMatch != "*" || attempt >= 4) throw new PreconditionFailedException("The listing has changed; read it again.");
        }
    }
}
