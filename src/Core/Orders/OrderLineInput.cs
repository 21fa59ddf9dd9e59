namespace Lianhua.Commerce.Core.Orders;

public sealed record OrderLineInput(string? ListingId, long? Quantity);
