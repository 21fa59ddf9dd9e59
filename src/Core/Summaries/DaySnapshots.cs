using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Summaries.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// Builds a finished day's snapshot from that day's DailyLedger partition alone, so its cost follows the day's sales, never the
/// history. The builder first holds the day's row (insert-only), then reads the ledger, then finishes the row conditionally on
/// what it held: several builders at once store one snapshot, and ledger work written meanwhile is either read or marks the day
/// stale (<see cref="SummaryStore.MarkStaleIfBuiltAsync"/>), never lost.
/// </summary>
public sealed class DaySnapshots(LedgerStore ledger, SummaryStore store, IOptions<CommerceOptions> options, TimeProvider clock,
    ILogger<DaySnapshots> logger)
{
    private const int Attempts = 5;
    private string County => options.Value.CountyCode;

    /// <summary>The China business day now.</summary>
    public DateOnly Today => BusinessDay.Of(clock.GetUtcNow());

    /// <summary>A day's figures computed now from its ledger partition (today's provisional figures; never stored).</summary>
    public async Task<SalesFigures> ComputeAsync(DateOnly day, CancellationToken ct) => DayFigures.From(await ledger.DayAsync(County, day, ct));

    /// <summary>The stored snapshot of a finished day, built now if it has none; <paramref name="rebuild"/> builds it again from the ledger.</summary>
    public async Task<DaySnapshot> GetOrBuildAsync(DateOnly day, bool rebuild, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var row = await store.DayAsync(County, day, ct);
            if (row is { Built: true, Figures: { } kept, BuiltAt: { } keptAt } && !rebuild) return new DaySnapshot(day, kept, keptAt, row.Stale);
            var version = row?.Version ?? await store.TryHoldAsync(County, day, ct);
            if (version is null) continue; // another builder holds it now: read what it made
            var figures = await ComputeAsync(day, ct);
            var builtAt = clock.GetUtcNow();
            if (await store.TryFinishAsync(County, day, figures, builtAt, version, row?.StaleVersion, ct))
            {
                logger.LogInformation("Summary of {Day} {Action}: {Orders} orders, {GmvFen} fen", BusinessDay.Format(day),
                    row is { Built: true } ? "rebuilt" : "built", figures.OrdersDelivered, figures.GmvFen);
                return new DaySnapshot(day, figures, builtAt, false);
            }
        }
        throw new ConflictException($"The summary of {BusinessDay.Format(day)} is being built by others; try again.", retryAfter: TimeSpan.FromSeconds(1));
    }
}
