namespace Lianhua.Commerce.Core.Listings;

public sealed record NewListing(string? Title, string? Category, string? Unit, long? UnitWeightGrams, long? PriceFen, long? Stock,
    IReadOnlyList<ProducerInput?>? Producers);
