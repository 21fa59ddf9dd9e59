namespace Lianhua.Commerce.Core.Attribution;

/// <summary>One line of an order, as the day its last shipment is picked up counts it: the order's GMV by township and category.</summary>
public sealed record CompletedOrderLine(string ListingTownshipCode, string Category, long Quantity, long AmountFen);
