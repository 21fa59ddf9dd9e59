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

    public string Id { get; }
    public string StationId { get; }
    public string Status { get; private set; }
    public IReadOnlyList<OrderLine> Lines { get; }
    public long TotalFen { get; }
    public string PaymentMethod { get; }
    public string PickupCode { get; }
    public DateTimeOffset CreatedAt { get; }
    public Recipient Recipient { get; }
    public string? CancelReason { get; private set; }
    /// <summary>When routing stored the order's shipments; null until then (also while routing waits for room).</summary>
    public DateTimeOffset? RoutedAt { get; private set; }
    public IReadOnlyList<Shipment> Shipments => _shipments.Value;
    /// <summary>The stored version (ETag) this copy was read or last saved at; null for an order not stored yet.</summary>
    public string? Version { get; internal set; }

    /// <summary>For the store: an order as it was saved. Shipments are restored on first use (listing pages never need them).</summary>
    internal Order(string id, string stationId, string status, IReadOnlyList<OrderLine> lines, long totalFen, string paymentMethod,
        string pickupCode, DateTimeOffset createdAt, Recipient recipient, string? cancelReason, DateTimeOffset? routedAt,
        Func<IEnumerable<ShipmentSnapshot>> shipments, string? version)
    {
        (Id, StationId, Status, Lines, TotalFen, PaymentMethod) = (id, stationId, status, lines, totalFen, paymentMethod);
        (PickupCode, CreatedAt, Recipient, CancelReason, RoutedAt, Version) = (pickupCode, createdAt, recipient, cancelReason, routedAt, version);
        _shipments = new(() => shipments().Select(Shipment.Restore).ToList());
    }

    /// <summary>A new order: confirmed, its lines priced by the reservation that took their stock.</summary>
    public static Order Place(string id, string stationId, IReadOnlyList<OrderLine> lines, string paymentMethod, string pickupCode,
        DateTimeOffset createdAt, Recipient recipient)
    {
        if (OrderId.Parse(id)?.StationId != stationId) throw new ArgumentException("An order id starts with its station's id.", nameof(id));
        if (lines.Count == 0) throw new ArgumentException("An order has at least one line.", nameof(lines));
        if (!Routing.PickupCode.IsWellFormed(pickupCode)) throw new ArgumentException("A pickup code is six digits.", nameof(pickupCode));
        return new Order(id, stationId, OrderStatus.Confirmed, lines, lines.Sum(l => l.LineTotalFen), paymentMethod, pickupCode, createdAt,
            recipient, null, null, () => [], null);
    }

    public bool IsRouted => RoutedAt is not null;

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
        RoutedAt = at;
        Status = OrderStatus.RollUp(shipments.Select(s => s.Status));
    }

    /// <summary>A scan of one of its shipments (depart, arrive or pickup, see <see cref="ScanEvent"/>).</summary>
    public TransitionResult Scan(Shipment shipment, string scanEvent, string nodeId, string? pickupCode, DateTimeOffset at) => RolledUp(scanEvent switch
    {
        ScanEvent.Depart => shipment.Depart(nodeId, at),
        ScanEvent.Arrive => shipment.Arrive(nodeId, at),
        ScanEvent.Pickup => shipment.Pickup(nodeId, pickupCode, at),
        _ => throw new ArgumentOutOfRangeException(nameof(scanEvent)),
    });

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
    }

    private TransitionResult RolledUp(TransitionResult result)
    {
        if (result.Changed && IsRouted) Status = OrderStatus.RollUp(Shipments.Select(s => s.Status));
        return result;
    }
}
