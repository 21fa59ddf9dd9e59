namespace Lianhua.Commerce.Core.Orders;

/// <summary>A line as the station asked for it: which listing, how many of its unit.</summary>
public sealed record RequestedLine(string ListingId, long Quantity);
