using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// An order and its shipments: one aggregate, stored as one row (see Storage.OrderStore) and changed only through its
/// transitions: <see cref="Place"/>, <see cref="Route"/>, <see cref="Scan"/>, <see cref="Unlock"/>, <see cref="Cancel"/>.
/// Each keeps the rolled-up <see cref="Status"/> in step with the shipments.
/// </summary>
public sealed class Order
{
    private readonly Lazy<List<Shipment>> _shipments;
    private readonly List<Refund> _refunds;
    private readonly List<Attribution.LedgerWork> _ledgerWork = [];

    public string Id { get; }
    public string StationId { get; }
    public string Status { get; private set; }
    public IReadOnlyList<OrderLine> Lines { get; }
    public long TotalFen { get; }
    public string PaymentMethod { get; }
    public string PickupCode { get; }
    public DateTimeOffset CreatedAt { get; }
    public Recipient Recipient { get; }
    /// <summary>The Idempotency-Key it was placed with (null before it was kept): names its placement claim, removed once it is closed.</summary>
    public string? PlacementKey { get; }
    /// <summary>The last transition delivered or cancelled it: the store writes its closing row (Retention.ClosedOrders) with it.</summary>
    public bool ClosesNow { get; private set; }
    public string? CancelReason { get; private set; }
    /// <summary>When routing stored the order's shipments; null until then (also while routing waits for room).</summary>
    public DateTimeOffset? RoutedAt { get; private set; }
    public IReadOnlyList<Shipment> Shipments => _shipments.Value;
    /// <summary>Routing's start day, the runs held before the order is routed, and why it is not (see <see cref="RoutingProgress"/>).</summary>
    public RoutingProgress Progress { get; private set; } = RoutingProgress.None;
    public IReadOnlyList<Refund> Refunds => _refunds;
    /// <summary>Ledger entries the last transitions owe; the store writes them as outbox rows with the order, then forgets them.</summary>
    public IReadOnlyList<Attribution.LedgerWork> LedgerWork => _ledgerWork;
    /// <summary>The stored version (ETag) this copy was read or last saved at; null for an order not stored yet.</summary>
    public string? Version { get; internal set; }

    /// <summary>For the store: an order as it was saved. Shipments are restored on first use (listing pages never need them).</summary>
    internal Order(string id, string stationId, string status, IReadOnlyList<OrderLine> lines, long totalFen, string paymentMethod,
        string pickupCode, DateTimeOffset createdAt, Recipient recipient, string? cancelReason, DateTimeOffset? routedAt,
        Func<IEnumerable<ShipmentSnapshot>> shipments, IEnumerable<Refund> refunds, string? version, string? placementKey = null)
    {
        PlacementKey = placementKey;
        _refunds = [.. refunds];
        (Id, StationId, Status, Lines, TotalFen, PaymentMethod) = (id, stationId, status, lines, totalFen, paymentMethod);
        (PickupCode, CreatedAt, Recipient, CancelReason, RoutedAt, Version) = (pickupCode, createdAt, recipient, cancelReason, routedAt, version);
        _shipments = new(() => shipments().Select(Shipment.Restore).ToList());
    }

    /// <summary>A new order: confirmed, its lines priced by the reservation that took their stock.</summary>
    public static Order Place(string id, string stationId, IReadOnlyList<OrderLine> lines, string paymentMethod, string pickupCode,
        DateTimeOffset createdAt, Recipient recipient, string? placementKey = null)
    {
        if (OrderId.Parse(id)?.StationId != stationId) throw new ArgumentException("An order id starts with its station's id.", nameof(id));
        if (lines.Count == 0) throw new ArgumentException("An order has at least one line.", nameof(lines));
        if (!Routing.PickupCode.IsWellFormed(pickupCode)) throw new ArgumentException("A pickup code is six digits.", nameof(pickupCode));
        return new Order(id, stationId, OrderStatus.Confirmed, lines, lines.Sum(l => l.LineTotalFen), paymentMethod, pickupCode, createdAt,
            recipient, null, null, () => [], [], null, placementKey);
    }

    public bool IsRouted => RoutedAt is not null;

    /// <summary>The China day routing books from: the order's day, or the later day a routing fixed (<see cref="StartRoutingOn"/>).</summary>
    public DateOnly StartDay => Progress.StartDay ?? BusinessDay.Of(CreatedAt);

    /// <summary>For the store: the progress saved with the order.</summary>
    internal void Restore(RoutingProgress progress) => Progress = progress;

    /// <summary>
    /// Routing starts on a later day than the last one fixed (the order waited for room past midnight, or routing first ran
    /// the next day). Saved before anything is booked from it, so a routing still booking from the old day fails on the
    /// order's version and starts again from this one.
    /// </summary>
    public void StartRoutingOn(DateOnly day)
    {
        if (day <= StartDay) throw new InvalidOperationException($"Order {Id} is routed from {BusinessDay.Format(StartDay)} already.");
        Progress = Progress with { StartDay = day };
    }

    /// <summary>
    /// Routing stopped short: it waits for room, or it can never route the order (<paramref name="unroutable"/>). The legs it
    /// booked are added to the runs the order holds (none is forgotten: a cancel releases them all, idempotently).
    /// </summary>
    public void Hold(IEnumerable<HeldLeg> booked, string reason, bool unroutable, DateTimeOffset at)
    {
        if (IsRouted || Status != OrderStatus.Confirmed) throw new InvalidOperationException($"Order {Id} is {Status}; routing holds nothing for it.");
        Progress = Progress with { Holds = [.. Progress.Holds.Union(booked)], Reason = reason, Since = Progress.Since ?? at, Unroutable = unroutable };
    }
    /// <summary>The order's shipments before routing: one per origin station, with ids derived from the order's.</summary>
    public IReadOnlyList<ShipmentDraft> Drafts() => ShipmentSplitter.Split(Id,
        Lines.Select(l => new OrderLineToShip(l.ListingId, l.OriginStationId, l.Quantity, l.UnitWeightGrams)).ToList(), StationId);

    public Shipment? FindShipment(string shipmentId) => Shipments.FirstOrDefault(s => s.Id == shipmentId);

    /// <summary>Routing stored its shipments, every leg booked on a run. Only a confirmed order not routed yet.</summary>
    public void Route(IReadOnlyList<Shipment> shipments, DateTimeOffset at)
    {
        if (IsRouted || Status != OrderStatus.Confirmed) throw new InvalidOperationException($"Order {Id} is {Status}; it cannot be routed again.");
        _shipments.Value.Clear();
        _shipments.Value.AddRange(shipments);
        // Holds not on the stored legs (an old path, a leg moved to a later day) stay listed: routing releases them after this
        // save, and a cancel releases them again (idempotently) should that have been cut short.
        var legs = shipments.SelectMany(s => s.Legs.Select(l => new HeldLeg(s.Id, l.From, l.To, l.Date))).ToHashSet();
        Progress = Progress with { Holds = [.. Progress.Holds.Where(h => !legs.Contains(h))], Reason = null, Since = null, Unroutable = false };
        RoutedAt = at;
        Status = OrderStatus.RollUp(shipments.Select(s => s.Status));
    }

    /// <summary>
    /// A scan of one of its shipments (depart, arrive or pickup, see <see cref="ScanEvent"/>). A pickup that delivers the
    /// shipment owes its ledger entries (<see cref="LedgerWork"/>), dated by the pickup.
    /// </summary>
    public TransitionResult Scan(Shipment shipment, string scanEvent, string nodeId, string? pickupCode, DateTimeOffset at)
    {
        var result = RolledUp(scanEvent switch
        {
            ScanEvent.Depart => shipment.Depart(nodeId, at),
            ScanEvent.Arrive => shipment.Arrive(nodeId, at),
            ScanEvent.Pickup => shipment.Pickup(nodeId, pickupCode, at),
            _ => throw new ArgumentOutOfRangeException(nameof(scanEvent)),
        });
        if (result.Succeeded && result.Changed && shipment.Status == ShipmentStatus.Delivered)
            _ledgerWork.Add(new(Attribution.LedgerWork.Delivery, Id, shipment.Id, shipment.Events[^1].At));
        return result;
    }

    /// <summary>The county lifts a shipment's lock after wrong pickup codes.</summary>
    public TransitionResult Unlock(Shipment shipment) => RolledUp(shipment.Unlock());

    /// <summary>
    /// Only before any shipment has departed. The status alone cannot tell: a same-station shipment is ready for pickup
    /// without departing, and next to a routed one the order rolls up as in_transit although nothing has moved.
    /// </summary>
    public void Cancel(string reason)
    {
        var anyShipmentDeparted = Shipments.Any(s => s.HasDeparted || s.Status == ShipmentStatus.Delivered);
        if (Status is OrderStatus.Cancelled or OrderStatus.Delivered || anyShipmentDeparted)
            throw new ConflictException(anyShipmentDeparted
                ? "A shipment of this order has departed; it can no longer be cancelled."
                : $"An order that is {Status} can no longer be cancelled.");
        foreach (var shipment in Shipments) shipment.Cancel();
        Status = OrderStatus.Cancelled;
        CancelReason = reason;
        ClosesNow = true;
    }

    /// <summary>
    /// Refunds delivered units not refunded yet, each line at the price the order was placed at; owes the reversal of their
    /// household attribution, dated by <paramref name="at"/>. The refund's id follows from the order's (at most 35 refunds).
    /// </summary>
    public Refund Refund(IReadOnlyList<RequestedLine> lines, string reason, DateTimeOffset at)
    {
        if (Status == OrderStatus.Cancelled) throw new ConflictException("A cancelled order has nothing to refund.");
        if (_refunds.Count >= RefundIds.Length) throw new ConflictException($"An order takes at most {RefundIds.Length} refunds.");
        var refunded = new List<RefundLine>();
        foreach (var requested in lines)
        {
            var line = Lines.FirstOrDefault(l => l.ListingId == requested.ListingId)
                ?? throw ValidationFailedException.For("lines", $"listing {requested.ListingId} is not a line of this order.");
            var left = RefundableQuantity(line);
            if (requested.Quantity > left)
                throw new ConflictException($"Only {left} of listing {line.ListingId} were delivered and not refunded yet; nothing was refunded.");
            refunded.Add(new RefundLine(line.ListingId, requested.Quantity, checked(requested.Quantity * line.UnitPriceFen)));
        }
        var refund = new Refund($"{Id}-r{RefundIds[_refunds.Count]}", refunded, refunded.Sum(l => l.AmountFen), reason, at);
        _refunds.Add(refund);
        _ledgerWork.Add(new(Attribution.LedgerWork.Refund, Id, refund.Id, at));
        return refund;
    }

    private const string RefundIds = "123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Units of the line that were delivered (its shipment picked up) and not refunded yet.</summary>
    public long RefundableQuantity(OrderLine line)
    {
        var delivered = Shipments.Any(s => s.Status == ShipmentStatus.Delivered && s.Lines.Any(l => l.ListingId == line.ListingId)) ? line.Quantity : 0;
        return delivered - _refunds.SelectMany(r => r.Lines).Where(l => l.ListingId == line.ListingId).Sum(l => l.Quantity);
    }

    /// <summary>For the store, once the ledger work is saved with the order.</summary>
    internal void LedgerWorkSaved()
    {
        _ledgerWork.Clear();
        ClosesNow = false;
    }

    private TransitionResult RolledUp(TransitionResult result)
    {
        if (!result.Changed || !IsRouted) return result;
        var before = Status;
        Status = OrderStatus.RollUp(Shipments.Select(s => s.Status));
        ClosesNow |= before != OrderStatus.Delivered && Status == OrderStatus.Delivered;
        return result;
    }
}
