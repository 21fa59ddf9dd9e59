namespace Lianhua.Commerce.Core.Orders;

/// <summary>A priced line as the order keeps it; origin and weight are what routing needs later.</summary>
public sealed record OrderLine(string ListingId, string Title, long Quantity, long UnitPriceFen, long LineTotalFen,
    string OriginStationId, string TownshipCode, string Category, long UnitWeightGrams);
