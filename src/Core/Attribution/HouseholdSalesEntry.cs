namespace Lianhua.Commerce.Core.Attribution;

public sealed record HouseholdSalesEntry(string OrderId, string ListingId, long AmountFen, string Kind, string At);
