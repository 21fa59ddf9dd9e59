namespace Lianhua.Commerce.Core.Attribution;

public sealed record HouseholdAmount(string HouseholdId, long AmountFen);
