namespace Lianhua.Commerce.Core.Orders;

public sealed record OrderLineView(string ListingId, string Title, long Quantity, long UnitPriceFen, long LineTotalFen);
