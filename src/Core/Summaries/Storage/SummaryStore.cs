using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Summaries.Storage;

/// <summary>
/// Day snapshots, their stale markers and month roll-ups of one county (one partition of SalesSummaries: one row a day, so a
/// history of years is a few thousand rows). A snapshot is finished by one conditional transaction that also removes the marker
/// it saw and invalidates its month's roll-up, so a marker written meanwhile, another builder, or a roll-up built from the old
/// day each make it fail and try again, or stay visible.
/// </summary>
public sealed class SummaryStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.SalesSummaries);

    /// <summary>A day's snapshot row and its stale marker, in one range read.</summary>
    public async Task<SummaryRow?> DayAsync(string county, DateOnly day, CancellationToken ct) =>
        (await RangeAsync(county, SummaryEntity.DayRow(day), SummaryEntity.DayRow(day) + "~~", true, ct)).SingleOrDefault();

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> that have a row (a placeholder's Built is false), in day order.</summary>
    public Task<IReadOnlyList<SummaryRow>> DaysAsync(string county, DateOnly from, DateOnly to, bool withFigures, CancellationToken ct) =>
        RangeAsync(county, SummaryEntity.DayRow(from), SummaryEntity.DayRow(to) + "~~", withFigures, ct);

    /// <summary>Holds a day's place before its ledger is read (see LedgerWriter's stale check); null when a row is there already.</summary>
    public async Task<string?> TryHoldAsync(string county, DateOnly day, CancellationToken ct)
    {
        try
        {
            var response = await Table.AddEntityAsync(new SummaryEntity { PartitionKey = county, RowKey = SummaryEntity.DayRow(day) }, ct);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 409) { return null; }
    }

    /// <summary>Finishes a snapshot if neither its row nor the marker it saw changed since; false when one did.</summary>
    public async Task<bool> TryFinishAsync(string county, DateOnly day, SalesFigures figures, DateTimeOffset builtAt, string version,
        string? staleVersion, CancellationToken ct)
    {
        var row = new SummaryEntity { PartitionKey = county, RowKey = SummaryEntity.DayRow(day), Built = true, BuiltAt = builtAt };
        row.SetFigures(figures);
        var month = new TableEntity(county, SummaryEntity.MonthRow(new DateOnly(day.Year, day.Month, 1))) { ["Built"] = false };
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, row, new ETag(version)),
            new(TableTransactionActionType.UpsertMerge, month),
        };
        if (staleVersion is not null)
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(county, row.RowKey + SummaryEntity.StaleSuffix), new ETag(staleVersion)));
        try
        {
            await Table.SubmitTransactionAsync(actions, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412) { return false; }
    }

    /// <summary>
    /// Ledger work for <paramref name="day"/> was just written: if the day has a snapshot (or a builder holds its place), mark it
    /// stale. A replace, not an insert, so a builder that saw an earlier marker cannot delete this one.
    /// </summary>
    public async Task<bool> MarkStaleIfBuiltAsync(string county, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<SummaryEntity>(county, SummaryEntity.DayRow(day), ["RowKey"], ct);
        if (!found.HasValue) return false;
        await Table.UpsertEntityAsync(new SummaryEntity
        {
            PartitionKey = county, RowKey = SummaryEntity.DayRow(day) + SummaryEntity.StaleSuffix, MarkedAt = now,
        }, TableUpdateMode.Replace, ct);
        return true;
    }

    /// <summary>Every month roll-up row of the county (one a month: a few dozen rows for years of history).</summary>
    public Task<IReadOnlyList<SummaryRow>> MonthsAsync(string county, CancellationToken ct) => RangeAsync(county, "m~", "m~~", true, ct);

    /// <summary>Stores a month's roll-up unless a day of it changed since <paramref name="version"/> was read (then the next report builds it).</summary>
    public async Task TrySaveMonthAsync(string county, DateOnly month, SalesFigures figures, DateTimeOffset builtAt, string? version, CancellationToken ct)
    {
        var row = new SummaryEntity { PartitionKey = county, RowKey = SummaryEntity.MonthRow(month), Built = true, BuiltAt = builtAt };
        row.SetFigures(figures);
        try
        {
            if (version is null) await Table.AddEntityAsync(row, ct);
            else await Table.UpdateEntityAsync(row, new ETag(version), TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { }
    }

    private async Task<IReadOnlyList<SummaryRow>> RangeAsync(string county, string from, string to, bool withFigures, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {county} and RowKey ge {from} and RowKey lt {to}");
        IEnumerable<string>? select = withFigures ? null : ["RowKey", "Built", "BuiltAt"];
        var rows = new List<SummaryRow>();
        await foreach (var e in Table.QueryAsync<SummaryEntity>(filter, maxPerPage: 1000, select, ct))
        {
            if (e.IsMarker)
            {
                if (rows.Count > 0 && rows[^1].Period == e.Period) rows[^1] = rows[^1] with { Stale = true, StaleVersion = e.ETag.ToString() };
                continue;
            }
            rows.Add(new SummaryRow(e.Period, e.Built, false, withFigures && e.Built ? e.GetFigures() : null, e.BuiltAt, e.ETag.ToString()));
        }
        return rows;
    }
}
