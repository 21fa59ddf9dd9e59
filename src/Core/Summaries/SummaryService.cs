using System.Globalization;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// The county's reports: a day (today's provisional, built on the fly; a finished day's snapshot), a month, the cumulative
/// figures. A date or month that is malformed, before 2000 or after today (China time) is refused before anything is read.
/// </summary>
public sealed class SummaryService(DaySnapshots days, PeriodFigures periods, NetworkService network, TimeProvider clock)
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    public async Task<SalesSummary> DailyAsync(Caller caller, string date, bool rebuild, CancellationToken ct)
    {
        caller.RequireCounty();
        var day = ParseDay(date);
        var net = await network.GetAsync(ct);
        if (day == days.Today)
            return SummaryViews.From(date, await days.ComputeAsync(day, ct), net, stale: false, builtAt: clock.GetUtcNow());
        var snapshot = await days.GetOrBuildAsync(day, rebuild, ct);
        return SummaryViews.From(date, snapshot.Figures, net, snapshot.Stale, snapshot.BuiltAt);
    }

    public async Task<SalesSummary> MonthlyAsync(Caller caller, string month, CancellationToken ct)
    {
        caller.RequireCounty();
        var first = ParseMonth(month);
        return SummaryViews.From(month, await periods.MonthAsync(first, ct), await network.GetAsync(ct));
    }

    public async Task<SalesSummary> CumulativeAsync(Caller caller, CancellationToken ct)
    {
        caller.RequireCounty();
        return SummaryViews.From("cumulative", await periods.CumulativeAsync(ct), await network.GetAsync(ct));
    }

    private DateOnly ParseDay(string date)
    {
        if (!BusinessDay.TryParse(date, out var day) || day < Earliest) throw ValidationFailedException.For("date", "must be a date yyyy-MM-dd from 2000-01-01.");
        if (day > days.Today) throw ValidationFailedException.For("date", "must not be after today (China time).");
        return day;
    }

    private DateOnly ParseMonth(string month)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || month.Length != 7 || first < Earliest)
            throw ValidationFailedException.For("month", "must be a month yyyy-MM from 2000-01.");
        if (first > PeriodFigures.MonthOf(days.Today)) throw ValidationFailedException.For("month", "must not be after this month (China time).");
        return first;
    }
}
