namespace Lianhua.Commerce.Core.Summaries;

/// <summary>Configuration section "Commerce:Summaries".</summary>
public sealed class SummaryOptions
{
    /// <summary>
    /// How far back the daily run (and the attention list) looks for days without a snapshot: a run after a long outage fills
    /// them all, but one run never builds more than this many days. Older gaps are filled by reading or rebuilding them.
    /// </summary>
    public int CatchUpDays { get; set; } = 400;
}
