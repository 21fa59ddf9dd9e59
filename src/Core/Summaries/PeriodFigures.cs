using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Summaries.Storage;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// A month's and the cumulative figures from stored rows only, never the raw ledger (except today's partition, for today's
/// provisional figures): a finished month is its roll-up row (built once from its day snapshots, dropped when one of them is
/// rebuilt), the current month its day snapshots. So the cumulative report reads one row a month plus this month's days, and
/// its cost grows by 12 rows a year. Days before the first sale count as zero; a finished day without a snapshot is built.
/// </summary>
public sealed class PeriodFigures(DaySnapshots days, SummaryStore store, LedgerStore ledger, IOptions<CommerceOptions> options, TimeProvider clock)
{
    private string County => options.Value.CountyCode;

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    public async Task<SalesFigures> MonthAsync(DateOnly month, CancellationToken ct)
    {
        if (await ledger.FirstDayAsync(County, ct) is not { } first || month < MonthOf(first)) return SalesFigures.Zero;
        if (month >= MonthOf(days.Today)) return await CurrentMonthAsync(first, ct);
        var rollup = (await store.MonthsAsync(County, ct)).FirstOrDefault(m => m.Period == month);
        return await PastMonthAsync(month, first, rollup, ct);
    }

    public async Task<SalesFigures> CumulativeAsync(CancellationToken ct)
    {
        if (await ledger.FirstDayAsync(County, ct) is not { } first) return SalesFigures.Zero;
        var rollups = (await store.MonthsAsync(County, ct)).ToDictionary(m => m.Period);
        var sum = SalesFigures.Zero;
        for (var month = MonthOf(first); month < MonthOf(days.Today); month = month.AddMonths(1))
            sum = sum.Plus(await PastMonthAsync(month, first, rollups.GetValueOrDefault(month), ct));
        return sum.Plus(await CurrentMonthAsync(first, ct));
    }

    /// <summary>The roll-up when valid; else the month from its days, stored as its roll-up unless a day changed since it was read.</summary>
    private async Task<SalesFigures> PastMonthAsync(DateOnly month, DateOnly first, SummaryRow? rollup, CancellationToken ct)
    {
        if (rollup is { Built: true, Figures: { } kept }) return kept;
        var figures = await DaysAsync(first > month ? first : month, month.AddMonths(1).AddDays(-1), ct);
        await store.TrySaveMonthAsync(County, month, figures, clock.GetUtcNow(), rollup?.Version, ct);
        return figures;
    }

    /// <summary>This month's finished days from their snapshots, and today's provisional figures from today's partition.</summary>
    private async Task<SalesFigures> CurrentMonthAsync(DateOnly first, CancellationToken ct)
    {
        var today = days.Today;
        var from = first > MonthOf(today) ? first : MonthOf(today);
        var finished = from < today ? await DaysAsync(from, today.AddDays(-1), ct) : SalesFigures.Zero;
        return finished.Plus(await days.ComputeAsync(today, ct));
    }

    private async Task<SalesFigures> DaysAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var stored = (await store.DaysAsync(County, from, to, withFigures: true, ct)).Where(r => r is { Built: true, Figures: not null })
            .ToDictionary(r => r.Period, r => r.Figures!);
        var sum = SalesFigures.Zero;
        for (var day = from; day <= to; day = day.AddDays(1))
            sum = sum.Plus(stored.GetValueOrDefault(day) ?? (await days.GetOrBuildAsync(day, rebuild: false, ct)).Figures);
        return sum;
    }
}
