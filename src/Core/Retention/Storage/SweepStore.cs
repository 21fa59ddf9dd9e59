using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Retention.Storage;

/// <summary>
/// Deletes what is kept only for retries: Idempotency-Key records (<c>i~…</c>, by their <c>At</c>), run bookings (by the
/// run's day, in their RowKey) and leg markers (by their <c>Date</c>). Records and markers are read as one RowKey range of
/// the partition: what is older than the cutoff is deleted by each sweep, so the range holds at most the retention
/// period's rows, whatever the history. Bookings are read one range of days per node.
/// </summary>
public sealed class SweepStore(CommerceStorage storage)
{
    public async Task<int> RecordsAsync(string table, string partition, DateTimeOffset before, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"i~"} and RowKey lt {"i~~"} and At lt {before}");
        var t = storage.Table(table);
        return await BatchDelete.RunAsync(t, partition, await BatchDelete.RowsAsync(t, filter, ct), ct);
    }

    /// <summary>Bookings of runs leaving <paramref name="node"/> on days from <paramref name="from"/> to before <paramref name="before"/>; the runs stay.</summary>
    public async Task<int> BookingsAsync(string node, DateOnly from, DateOnly before, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {node} and RowKey ge {Day(from)} and RowKey lt {Day(before)}");
        var t = storage.Table(TableNames.Runs);
        return await BatchDelete.RunAsync(t, node, (await BatchDelete.RowsAsync(t, filter, ct)).Where(r => r.Contains('~')), ct);
    }

    /// <summary>Markers of legs from <paramref name="node"/> on runs of days before <paramref name="before"/>.</summary>
    public async Task<int> LegMarkersAsync(string node, DateOnly before, CancellationToken ct)
    {
        var date = before.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {node} and RowKey ge {"leg~"} and RowKey lt {"leg~~"} and Date lt {date}");
        var t = storage.Table(TableNames.Runs);
        return await BatchDelete.RunAsync(t, node, await BatchDelete.RowsAsync(t, filter, ct), ct);
    }

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
