using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Routing.Storage;

/// <summary>
/// Table Runs: PartitionKey = the run's from-node (node ids carry the county code), RowKey = <c>{yyyyMMdd}_{to}</c>
/// for the run, <c>{yyyyMMdd}_{to}~{shipmentId}</c> for each booking on it. A node's runs of a day are one range.
/// </summary>
public sealed class RunEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string To { get; set; } = "";
    public string Date { get; set; } = "";
    public long CapacityGrams { get; set; }
    public long LoadGrams { get; set; }

    public RunEntity Copy() => (RunEntity)MemberwiseClone();

    public static string Row(RunKey key) => $"{key.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{key.To}";
    public static string DayPrefix(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "_";
    public RunKey ToKey() => KeyOf(PartitionKey, To, Date, RowKey);

    /// <summary>The run a row names by its partition (from), <c>To</c> and <c>Date</c>.</summary>
    public static RunKey KeyOf(string from, string to, string date, string rowKey) =>
        BusinessDay.TryParse(date, out var day) ? new(from, to, day) : throw new FormatException($"Run row {rowKey} has no date.");
}
