using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Summaries.Storage;

/// <summary>
/// Table SalesSummaries, PartitionKey = county code. RowKey <c>d~{yyyyMMdd}</c>: a day's snapshot; <c>d~{yyyyMMdd}~stale</c>: the
/// marker of ledger work that arrived after it (so a day and its marker are one RowKey range); <c>m~{yyyyMM}</c>: a month's roll-up.
/// Figures are gzip JSON in up to four binary properties (64 KiB each): the households' ids make them grow with the county.
/// </summary>
public sealed class SummaryEntity : ITableEntity
{
    public const string StaleSuffix = "~stale";
    private const int ChunkBytes = 64 * 1024;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public bool Built { get; set; }
    public DateTimeOffset? BuiltAt { get; set; }
    public DateTimeOffset? MarkedAt { get; set; }
    public byte[]? Figures0 { get; set; }
    public byte[]? Figures1 { get; set; }
    public byte[]? Figures2 { get; set; }
    public byte[]? Figures3 { get; set; }

    public static string DayRow(DateOnly day) => "d~" + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    public static string MonthRow(DateOnly month) => "m~" + month.ToString("yyyyMM", CultureInfo.InvariantCulture);
    [IgnoreDataMember]
    public bool IsMarker => RowKey.EndsWith(StaleSuffix, StringComparison.Ordinal);

    [IgnoreDataMember]
    public DateOnly Period => DateOnly.ParseExact(RowKey.Length >= 10 ? RowKey[2..10] : RowKey[2..] + "01", "yyyyMMdd", CultureInfo.InvariantCulture);

    public void SetFigures(SalesFigures figures)
    {
        var bytes = GzipJson.Serialize(figures);
        if (bytes.Length > 4 * ChunkBytes) throw new InvalidOperationException($"Summary {RowKey} is {bytes.Length} bytes compressed, over four properties.");
        byte[]? Chunk(int i) => bytes.Length > i * ChunkBytes ? bytes[(i * ChunkBytes)..Math.Min(bytes.Length, (i + 1) * ChunkBytes)] : null;
        (Figures0, Figures1, Figures2, Figures3) = (Chunk(0) ?? [], Chunk(1), Chunk(2), Chunk(3));
    }

    public SalesFigures? GetFigures() => Figures0 is null ? null
        : GzipJson.Deserialize<SalesFigures>([.. Figures0, .. Figures1 ?? [], .. Figures2 ?? [], .. Figures3 ?? []]);
}
