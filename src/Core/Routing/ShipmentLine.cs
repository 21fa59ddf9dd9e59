namespace Lianhua.Commerce.Core.Routing;

public sealed record ShipmentLine(string ListingId, long Quantity, long WeightGrams);
