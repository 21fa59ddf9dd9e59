namespace Lianhua.Commerce.Core.Attribution;

/// <summary>
/// One household's part of one line of a delivered shipment (<see cref="Sale"/>) or of a refund (<see cref="Reversal"/>,
/// a positive amount that counts against the sales). It carries what reports group by, copied when it is written: the day
/// (China time) of the pickup or refund, the household's township, village and paired unit, the listing's category and
/// township. Never edited; a refund writes reversals.
/// </summary>
public sealed record LedgerEntry(string HouseholdId, string Kind, string OrderId, string SourceId, string ListingId, long AmountFen,
    DateTimeOffset At, DateOnly Day, string TownshipCode, string Village, string PairedUnit, string Category, string ListingTownshipCode)
{
    public const string Sale = "sale";
    public const string Reversal = "reversal";
}
