namespace Lianhua.Commerce.Core.Attribution;

/// <summary>What a ledger entry copies of a household (no personal data).</summary>
public sealed record HouseholdProfile(string Id, string TownshipCode, string Village, string PairedUnit);
