namespace Lianhua.Commerce.Core.Attribution;

/// <summary><see cref="TotalFen"/> is the net of the entries: sales minus reversals.</summary>
public sealed record HouseholdSalesView(string HouseholdId, long TotalFen, IReadOnlyList<HouseholdSalesEntry> Entries);
