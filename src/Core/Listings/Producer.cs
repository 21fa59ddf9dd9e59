namespace Lianhua.Commerce.Core.Listings;

public sealed record Producer(string HouseholdId, int ShareBp);
