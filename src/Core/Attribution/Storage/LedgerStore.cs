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
    private TableClient Days => storage.Table(TableNames.DailyLedger);

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
        try
        {
            await Days.AddEntityAsync(day, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await Days.GetEntityAsync<DailyLedgerEntity>(day.PartitionKey, day.RowKey, cancellationToken: ct)).Value;
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

    /// <summary>Every posting of one China day (one partition: what building that day's summary reads), households' entries left out.</summary>
    public async Task<IReadOnlyList<LedgerPosting>> DayAsync(string countyCode, DateOnly day, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DailyLedgerEntity.Partition(countyCode, day)}");
        var postings = new List<LedgerPosting>();
        await foreach (var row in Days.QueryAsync<DailyLedgerEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            postings.Add(new LedgerPosting(row.Kind, row.OrderId, row.RowKey[2..], row.At, day, row.CompletesOrder, row.OrderTotalFen,
                JsonSerializer.Deserialize<List<DailyLedgerLine>>(row.Lines, Json.Options) ?? [], [],
                row.OrderLines is null ? null : JsonSerializer.Deserialize<List<CompletedOrderLine>>(row.OrderLines, Json.Options)));
        return postings;
    }

    /// <summary>
    /// The first China day with a posting, or null: partitions sort by day, so the first row of the county's PartitionKey range
    /// answers, whatever the history's length.
    /// </summary>
    public async Task<DateOnly?> FirstDayAsync(string countyCode, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {countyCode + "-"} and PartitionKey lt {countyCode + "."}");
        await foreach (var page in Days.QueryAsync<DailyLedgerEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages())
            if (page.Values.FirstOrDefault() is { } row) return DailyLedgerEntity.DayOf(row.PartitionKey);
        return null;
    }
}
