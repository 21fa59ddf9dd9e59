namespace Lianhua.Commerce.Core.Summaries;

/// <summary>A finished day's stored snapshot: changed only by a rebuild; <see cref="Stale"/> once ledger work for the day arrived after it.</summary>
public sealed record DaySnapshot(DateOnly Day, SalesFigures Figures, DateTimeOffset BuiltAt, bool Stale);
