namespace Lianhua.Commerce.Core.Attribution;

/// <summary>
/// Ledger entries an order change owes: a shipment picked up (<see cref="Delivery"/>, its id the shipment's) or a refund
/// (<see cref="Refund"/>, its id the refund's), at the instant that decides the entries' day. Kept as an outbox row in the
/// order's partition, written in the same transaction as the change, until the entries are written (Storage.PendingLedgerStore).
/// </summary>
public sealed record LedgerWork(string Kind, string OrderId, string Id, DateTimeOffset At)
{
    public const string Delivery = "delivery";
    public const string Refund = "refund";
}
