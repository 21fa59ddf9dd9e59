namespace Lianhua.Commerce.Core.Summaries;

/// <summary>A past day of GET /api/attention's summaryDays: its snapshot is <see cref="Missing"/> or <see cref="Stale"/>.</summary>
public sealed record SummaryDay(string Date, string State)
{
    public const string Missing = "missing";
    public const string Stale = "stale";
}
