namespace Lianhua.Commerce.Core.Listings;

/// <summary>A line an order asked more of than the listing has: nothing of the order is reserved.</summary>
public sealed record Shortage(string ListingId, long Requested, long Available);
