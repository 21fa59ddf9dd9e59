namespace Lianhua.Commerce.Core.Attribution;

/// <summary>What each household gets of an amount, and the non-household rest: together exactly the amount.</summary>
public sealed record SplitResult(IReadOnlyList<HouseholdAmount> Households, long RestFen);
