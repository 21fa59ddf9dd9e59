using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Operations.Storage;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Summaries.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Attribution;

public enum LedgerOutcome { Written, NothingOwed, Unattributable }

/// <summary>
/// Writes the ledger work an order change owes (its outbox row, see <see cref="PendingLedgerStore"/>): the households'
/// entries, the day's row, then it deletes the outbox row. Every step is insert-only with deterministic keys, so the
/// consumer of shipments-delivered, a refund and reconciliation may all run it for the same work, any number of times,
/// at once: each entry is written once. Work that cannot be written is recorded for GET /api/attention and kept owed.
/// Work for a day whose summary was built already (a late attribution) marks that day stale, before the outbox row goes, so a
/// crash in between marks it on the next attempt.
/// </summary>
public sealed class LedgerWriter(OrderStore orders, IHouseholdProfiles households, LedgerStore ledger, PendingLedgerStore pending,
    AttentionStore attention, SummaryStore summaries, IOptions<CommerceOptions> options, TimeProvider clock, ILogger<LedgerWriter> logger)
{
    private string County => options.Value.CountyCode;

    /// <summary>For a message: only while its outbox row says the work is owed (one read when it was done already).</summary>
    public async Task<LedgerOutcome> WriteIfOwedAsync(LedgerWork work, CancellationToken ct)
    {
        var stationId = Orders.OrderId.Parse(work.OrderId)?.StationId;
        if (stationId is null || !await pending.ExistsAsync(stationId, work.Id, ct)) return LedgerOutcome.NothingOwed;
        return await WriteAsync(work, ct);
    }

    public async Task<LedgerOutcome> WriteAsync(LedgerWork work, CancellationToken ct)
    {
        try
        {
            var order = await orders.FindAsync(work.OrderId, ct) ?? throw new UnattributableException($"order {work.OrderId} does not exist.");
            var profiles = new Dictionary<string, HouseholdProfile>();
            foreach (var id in LedgerPostings.HouseholdsOf(order, work))
                if (await households.FindAsync(id, ct) is { } profile) profiles[id] = profile;
            var posting = LedgerPostings.For(order, work, profiles);
            await ledger.WriteAsync(County, posting, ct);
            if (await summaries.MarkStaleIfBuiltAsync(County, posting.Day, clock.GetUtcNow(), ct))
                logger.LogWarning("Ledger: {SourceId} posted for {Day}, whose summary was built before: the day is stale until rebuilt", work.Id, posting.Day);
            await pending.DoneAsync(order.StationId, work.Id, ct);
            await attention.AttributedAsync(County, work.Id, ct);
            logger.LogInformation("Ledger: {Kind} {SourceId} of order {OrderId} posted for {Day}: {Entries} household entries",
                work.Kind, work.Id, work.OrderId, posting.Day, posting.Entries.Count);
            return LedgerOutcome.Written;
        }
        catch (Exception e) when (e is UnattributableException or LedgerConflictException)
        {
            logger.LogError("Ledger: {Kind} {SourceId} of order {OrderId} cannot be posted: {Reason}", work.Kind, work.Id, work.OrderId, e.Message);
            await attention.UnattributedAsync(County, work.Id, work.OrderId, e.Message, clock.GetUtcNow(), ct);
            return LedgerOutcome.Unattributable;
        }
    }
}
