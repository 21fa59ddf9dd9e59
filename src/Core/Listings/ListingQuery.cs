namespace Lianhua.Commerce.Core.Listings;

public sealed record ListingQuery(string? TownshipCode, string? Category, string? StationId, int PageSize, string? ContinuationToken);
