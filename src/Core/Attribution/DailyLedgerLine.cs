namespace Lianhua.Commerce.Core.Attribution;

/// <summary>One line of a delivered shipment or refund as a day's summary reads it: the households' parts and the rest add up to <see cref="AmountFen"/>.</summary>
public sealed record DailyLedgerLine(string ListingId, string ListingTownshipCode, string Category, long Quantity, long AmountFen,
    IReadOnlyList<HouseholdAmount> Households, long RestFen);
