namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// A stored summary row as the services see it: a day's snapshot (<see cref="Built"/> false while a builder holds its place)
/// or a month's roll-up (<see cref="Built"/> false once a day of it was rebuilt). <see cref="Version"/> is the row's ETag, for
/// the conditional write that finishes it.
/// </summary>
public sealed record SummaryRow(DateOnly Period, bool Built, bool Stale, SalesFigures? Figures, DateTimeOffset? BuiltAt, string Version, string? StaleVersion = null);
