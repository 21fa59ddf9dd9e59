namespace Lianhua.Commerce.Core.Routing;

/// <summary>An order line as routing needs it: where it leaves from and what it weighs.</summary>
public sealed record OrderLineToShip(string ListingId, string OriginStationId, long Quantity, long UnitWeightGrams);
