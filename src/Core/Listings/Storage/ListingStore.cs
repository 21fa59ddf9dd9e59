using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Listings.Storage;

public sealed class ListingStore(CommerceStorage storage, EntityCache<ListingEntity> cache)
{
    private TableClient Table => storage.Table(TableNames.Listings);

    public async Task<Versioned<Listing>> AddAsync(Listing listing, CancellationToken ct)
    {
        var response = await Table.AddEntityAsync(ListingEntity.From(listing), ct);
        return new(listing, response.Headers.ETag?.ToString() ?? "");
    }

    public async Task<Versioned<Listing>?> FindAsync(string id, CancellationToken ct)
    {
        if (Listing.TownshipOf(id) is not { } township) return null;
        var row = await Table.GetEntityIfExistsAsync<ListingEntity>(township, id, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? new(e.ToListing(), e.ETag.ToString()) : null;
    }

    /// <summary>Replaces the listing if its version is still <paramref name="etag"/>; null when it is not.</summary>
    public async Task<Versioned<Listing>?> TryReplaceAsync(Listing listing, string etag, CancellationToken ct)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ListingEntity.From(listing), new ETag(etag), TableUpdateMode.Replace, ct);
            cache.Forget(listing.TownshipCode, listing.Id);
            return new(listing, response.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// One page of the listings of <paramref name="township"/>, or of the whole county when it is null; optionally only
    /// one station's or one category's.
    /// </summary>
    public async Task<ResultPage<Listing>> QueryAsync(string countyCode, string? township, string? stationId, string? category,
        int pageSize, string? continuationToken, CancellationToken ct)
    {
        // Township codes start with the county code, so the county's listings are one PartitionKey range.
        var filter = township is not null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {township} and RowKey lt {"~"}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {countyCode} and PartitionKey lt {countyCode + "~"} and RowKey lt {"~"}");
        if (stationId is not null) filter += " and " + TableClient.CreateQueryFilter($"StationId eq {stationId}");
        if (category is not null) filter += " and " + TableClient.CreateQueryFilter($"Category eq {category}");
        return await Table.QueryPageAsync<ListingEntity, Listing>(filter, pageSize, continuationToken, e => e.ToListing(), ct);
    }
}
