namespace Lianhua.Commerce.Core.Attribution;

/// <summary>
/// Everything one delivered shipment or one refund writes: the households' entries and the day's row. Computed from the
/// order alone (its lines keep the producers and prices of when it was placed), so every attempt computes the same.
/// <see cref="OrderLines"/>: when this pickup completes the order, all the order's lines (of every shipment), so the day the
/// order counts on can group its total by township and category from its own partition.
/// </summary>
public sealed record LedgerPosting(string Kind, string OrderId, string SourceId, DateTimeOffset At, DateOnly Day, bool CompletesOrder,
    long OrderTotalFen, IReadOnlyList<DailyLedgerLine> Lines, IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<CompletedOrderLine>? OrderLines = null);
