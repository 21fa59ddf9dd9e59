using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Summaries.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// The daily run: yesterday's snapshot, and every finished day since the first sale that has none (a run missed, or one that
/// failed), at most <see cref="SummaryOptions.CatchUpDays"/> back. Days that have a snapshot are left as they are, so a second run
/// changes nothing. Also what GET /api/attention lists: the days of that window that are missing or stale.
/// </summary>
public sealed class SummaryCatchUp(DaySnapshots days, SummaryStore store, LedgerStore ledger, IOptions<CommerceOptions> options,
    IOptions<SummaryOptions> summaryOptions, ILogger<SummaryCatchUp> logger)
{
    private string County => options.Value.CountyCode;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var (from, to) = await WindowAsync(ct);
        var built = (await store.DaysAsync(County, from, to, withFigures: false, ct)).Where(r => r.Built).Select(r => r.Period).ToHashSet();
        var count = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (built.Contains(day)) continue;
            await days.GetOrBuildAsync(day, rebuild: false, ct);
            count++;
        }
        if (count > 1) logger.LogWarning("Daily summaries: {Count} days built up to {Day}, runs were missed", count, BusinessDay.Format(to));
        else logger.LogInformation("Daily summaries: {Count} days built up to {Day}", count, BusinessDay.Format(to));
        return count;
    }

    /// <summary>Finished days of the window without a snapshot, or with a stale one, newest first.</summary>
    public async Task<IReadOnlyList<SummaryDay>> NeedingAttentionAsync(int max, CancellationToken ct)
    {
        if (await ledger.FirstDayAsync(County, ct) is null) return [];
        var (from, to) = await WindowAsync(ct);
        var rows = (await store.DaysAsync(County, from, to, withFigures: false, ct)).ToDictionary(r => r.Period);
        var found = new List<SummaryDay>();
        for (var day = to; day >= from && found.Count < max; day = day.AddDays(-1))
        {
            if (rows.GetValueOrDefault(day) is not { Built: true } row) found.Add(new SummaryDay(BusinessDay.Format(day), SummaryDay.Missing));
            else if (row.Stale) found.Add(new SummaryDay(BusinessDay.Format(day), SummaryDay.Stale));
        }
        return found;
    }

    /// <summary>From the first sale (or yesterday, before any) to yesterday, at most CatchUpDays long.</summary>
    private async Task<(DateOnly From, DateOnly To)> WindowAsync(CancellationToken ct)
    {
        var yesterday = days.Today.AddDays(-1);
        var earliest = yesterday.AddDays(1 - Math.Max(1, summaryOptions.Value.CatchUpDays));
        var first = await ledger.FirstDayAsync(County, ct) ?? yesterday;
        var from = first > earliest ? first : earliest;
        return (from > yesterday ? yesterday : from, yesterday);
    }
}
