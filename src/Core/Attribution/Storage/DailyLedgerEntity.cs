using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Attribution.Storage;

/// <summary>
/// Tables <c>DailyLedger{yyyyMMdd}</c>, one per China day of the pickup or refund (so reading a day never touches another day's
/// rows, on Azurite either, whose queries scan the whole table); PartitionKey <c>{countyCode}-{yyyyMMdd}</c>, RowKey
/// <c>{s|r}~{shipment or refund id}</c>: everything a day's summary needs of one delivered shipment or refund (lines with
/// category, producing township, quantity, amount and each household's part), so building a day reads only that day.
/// </summary>
public sealed class DailyLedgerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public string OrderId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>This shipment's pickup completed its order (the order counts on this day), with the order's total.</summary>
    public bool CompletesOrder { get; set; }
    public long OrderTotalFen { get; set; }
    /// <summary>JSON of <see cref="DailyLedgerLine"/>s.</summary>
    public string Lines { get; set; } = "[]";
    /// <summary>JSON of the order's <see cref="CompletedOrderLine"/>s when <see cref="CompletesOrder"/>; null otherwise (and on rows written before it existed).</summary>
    public string? OrderLines { get; set; }

    public static string Partition(string countyCode, DateOnly day) => $"{countyCode}-{LedgerEntryEntity.DayKey(day)}";

    /// <summary>The table of a day's postings (before the storage prefix).</summary>
    public static string Table(DateOnly day) => Core.Storage.TableNames.DailyLedger + LedgerEntryEntity.DayKey(day);
    public static DateOnly DayOf(string partition) =>
        DateOnly.ParseExact(partition[(partition.LastIndexOf('-') + 1)..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
    public static string Row(string kind, string sourceId) => $"{(kind == LedgerWork.Delivery ? 's' : 'r')}~{sourceId}";
}
