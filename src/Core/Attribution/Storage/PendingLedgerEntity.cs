using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Attribution.Storage;

/// <summary>
/// Ledger work owed (<see cref="LedgerWork"/>), the outbox of a pickup or a refund: in table Orders, in the order's station
/// partition, RowKey <c>a~{shipment or refund id}</c>, inserted in the same transaction as the change, deleted once the
/// entries are written. Reconciliation reads each station's rows.
/// </summary>
public sealed class PendingLedgerEntity : ITableEntity
{
    public const string Prefix = "a~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static PendingLedgerEntity From(string stationId, LedgerWork work) => new()
    {
        PartitionKey = stationId, RowKey = Prefix + work.Id, Kind = work.Kind, OrderId = work.OrderId, Id = work.Id, At = work.At,
    };

    public LedgerWork ToWork() => new(Kind, OrderId, Id, At);
}
