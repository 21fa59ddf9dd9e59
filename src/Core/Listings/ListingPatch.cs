namespace Lianhua.Commerce.Core.Listings;

public sealed record ListingPatch(long? PriceFen, long? Stock, string? Title);
