namespace Lianhua.Commerce.Core.Listings;

public sealed record ProducerInput(string? HouseholdId, int? ShareBp);
