using Lianhua.Commerce.Core.Listings;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// A priced line as the order keeps it; origin and weight are what routing needs later, the producers (the listing's when the
/// order was placed) what attribution splits its amount by.
/// </summary>
public sealed record OrderLine(string ListingId, string Title, long Quantity, long UnitPriceFen, long LineTotalFen,
    string OriginStationId, string TownshipCode, string Category, long UnitWeightGrams, IReadOnlyList<Producer>? Producers = null)
{
    public IReadOnlyList<Producer> ProducersOrNone => Producers ?? [];
}
