using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Attribution.Storage;

/// <summary>
/// Table HouseholdLedger: PartitionKey = household id, RowKey <c>{yyyyMMdd}~{s|r}~{shipment or refund id}~{listingId}</c>: a
/// household's entries in day order, one per line of a delivered shipment or a refund, so a household's sales over a period
/// are one RowKey range, and a replayed write of the same entry meets its own row.
/// </summary>
public sealed class LedgerEntryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string ListingId { get; set; } = "";
    public long AmountFen { get; set; }
    public DateTimeOffset At { get; set; }
    public string Day { get; set; } = "";
    public string TownshipCode { get; set; } = "";
    public string Village { get; set; } = "";
    public string PairedUnit { get; set; } = "";
    public string Category { get; set; } = "";
    public string ListingTownshipCode { get; set; } = "";

    public static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Row(LedgerEntry e) => $"{DayKey(e.Day)}~{(e.Kind == LedgerEntry.Sale ? 's' : 'r')}~{e.SourceId}~{e.ListingId}";

    public static LedgerEntryEntity From(LedgerEntry e) => new()
    {
        PartitionKey = e.HouseholdId, RowKey = Row(e), Kind = e.Kind, OrderId = e.OrderId, SourceId = e.SourceId, ListingId = e.ListingId,
        AmountFen = e.AmountFen, At = e.At, Day = BusinessDay.Format(e.Day), TownshipCode = e.TownshipCode, Village = e.Village,
        PairedUnit = e.PairedUnit, Category = e.Category, ListingTownshipCode = e.ListingTownshipCode,
    };

    public LedgerEntry ToEntry() => new(PartitionKey, Kind, OrderId, SourceId, ListingId, AmountFen, At,
        BusinessDay.TryParse(Day, out var day) ? day : throw new FormatException($"Ledger row {RowKey} has no day."),
        TownshipCode, Village, PairedUnit, Category, ListingTownshipCode);
}
