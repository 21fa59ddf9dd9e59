using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Attribution.Storage;

/// <summary>
/// Writes postings insert-only: each household's entries of a posting in one transaction, then the day's row. A write that
/// finds its rows there already (a replay, a redelivered message, reconciliation meeting the consumer) checks they are the
/// same entries and carries on; rows that differ are a conflict no retry can mend (<see cref="LedgerConflictException"/>).
/// </summary>
public sealed class LedgerStore(CommerceStorage storage)
{
    private TableClient Households => storage.Table(TableNames.HouseholdLedger);
    /// <summary>Day tables this instance has made sure exist (one create per day and instance, then none).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, bool> _dayTables = new();

    private async Task<TableClient> DayTableAsync(DateOnly day, CancellationToken ct)
    {
        var table = storage.Table(DailyLedgerEntity.Table(day));
        if (!_dayTables.ContainsKey(day))
        {
            await table.CreateIfNotExistsAsync(ct);
            _dayTables[day] = true;
        }
        return table;
    }

    public async Task WriteAsync(string countyCode, LedgerPosting posting, CancellationToken ct)
    {
        await Task.WhenAll(posting.Entries.GroupBy(e => e.HouseholdId).Select(g => WriteEntriesAsync(g.ToList(), ct)));
        var day = new DailyLedgerEntity
        {
            PartitionKey = DailyLedgerEntity.Partition(countyCode, posting.Day), RowKey = DailyLedgerEntity.Row(posting.Kind, posting.SourceId),
            Kind = posting.Kind, OrderId = posting.OrderId, At = posting.At, CompletesOrder = posting.CompletesOrder,
            OrderTotalFen = posting.OrderTotalFen, Lines = JsonSerializer.Serialize(posting.Lines, Json.Options),
            OrderLines = posting.OrderLines is null ? null : JsonSerializer.Serialize(posting.OrderLines, Json.Options),
        };
        var days = await DayTableAsync(posting.Day, ct);
        try
        {
            await days.AddEntityAsync(day, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await days.GetEntityAsync<DailyLedgerEntity>(day.PartitionKey, day.RowKey, cancellationToken: ct)).Value;
            if (existing.OrderId != day.OrderId || existing.Lines != day.Lines) throw new LedgerConflictException($"the day's row of {posting.SourceId} differs from this posting.");
        }
    }

    private async Task WriteEntriesAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        var rows = entries.Select(LedgerEntryEntity.From).ToList();
        try
        {
            await Households.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Already mine, or someone else's? Entries of one posting commit together, so all of them are there.
            foreach (var row in rows)
            {
                var found = await Households.GetEntityIfExistsAsync<LedgerEntryEntity>(row.PartitionKey, row.RowKey, cancellationToken: ct);
                if (!found.HasValue || found.Value is not { } existing || existing.AmountFen != row.AmountFen || existing.OrderId != row.OrderId)
                    throw new LedgerConflictException($"entry {row.RowKey} of household {row.PartitionKey} differs from this posting.");
            }
        }
    }

    /// <summary>A household's entries from <paramref name="from"/> to <paramref name="to"/> (China days, both included), in day order.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> HouseholdAsync(string householdId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {householdId} and RowKey ge {LedgerEntryEntity.DayKey(from)} and RowKey lt {LedgerEntryEntity.DayKey(to) + "~~"}");
        var entries = new List<LedgerEntry>();
        await foreach (var row in Households.QueryAsync<LedgerEntryEntity>(filter, cancellationToken: ct)) entries.Add(row.ToEntry());
        return entries;
    }

    /// <summary>
    /// Every posting of one China day (the county's partition of the day's table: what building that day's summary reads),
    /// households' entries left out. A day with no table had no posting.
    /// </summary>
    public async Task<IReadOnlyList<LedgerPosting>> DayAsync(string countyCode, DateOnly day, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DailyLedgerEntity.Partition(countyCode, day)}");
        var postings = new List<LedgerPosting>();
        try
        {
            await foreach (var row in storage.Table(DailyLedgerEntity.Table(day)).QueryAsync<DailyLedgerEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
                postings.Add(new LedgerPosting(row.Kind, row.OrderId, row.RowKey[2..], row.At, day, row.CompletesOrder, row.OrderTotalFen,
                    JsonSerializer.Deserialize<List<DailyLedgerLine>>(row.Lines, Json.Options) ?? [], [],
                    row.OrderLines is null ? null : JsonSerializer.Deserialize<List<CompletedOrderLine>>(row.OrderLines, Json.Options)));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return postings;
    }

    /// <summary>
    /// The first China day with a posting, or null: day tables sort by name, so the first one of the list answers, whatever the
    /// history's length (one request). Day tables serve every county of the deployment: with several, this is the first day any
    /// of them sold, which only adds days of zeros before a county's first sale.
    /// </summary>
    public async Task<DateOnly?> FirstDayAsync(string countyCode, CancellationToken ct)
    {
        var first = storage.Prefix + TableNames.DailyLedger;
        var filter = TableServiceClient.CreateQueryFilter($"TableName ge {first + "0"} and TableName le {first + "9"}");
        await foreach (var page in storage.Tables.QueryAsync(filter, maxPerPage: 1, cancellationToken: ct).AsPages())
            if (page.Values.FirstOrDefault() is { } table
                && DateOnly.TryParseExact(table.Name[first.Length..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return day;
        return null;
    }
}
