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

public sealed class RunBookingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ShipmentId { get; set; } = "";
    public long WeightGrams { get; set; }

    public static string Row(RunKey key, string shipmentId) => $"{RunEntity.Row(key)}~{shipmentId}";
}

/// <summary>
/// In the from-node's partition, RowKey <c>leg~{shipmentId}</c>: which run the shipment's leg from this node is on.
/// Written with the booking, so a replayed routing finds its run even after an earlier day freed up, and never books twice.
/// </summary>
public sealed class LegMarkerEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string To { get; set; } = "";
    public string Date { get; set; } = "";

    public static string Row(string shipmentId) => $"leg~{shipmentId}";
    public RunKey ToKey() => RunEntity.KeyOf(PartitionKey, To, Date, RowKey);
}

public sealed record RunView(string Id, string From, string To, string Date, long CapacityGrams, long LoadGrams, IReadOnlyList<string> ShipmentIds);
