using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// A shipment moving along its legs. Scans must follow the path: depart from where it is, arrive at the
/// end of the moving leg, pick up at the destination. A rejected transition changes nothing, except a
/// wrong pickup code, which counts towards the lock.
/// </summary>
public sealed partial class Shipment
{
    public const int MaxWrongCodes = 5;

    private readonly List<ShipmentLeg> _legs;
    private readonly List<ShipmentEvent> _events;
    private readonly string _pickupCode;

    public string Id { get; }
    public string OrderId { get; }
    public string OriginStationId { get; }
    public string DestinationStationId { get; }
    public long WeightGrams { get; }
    public IReadOnlyList<ShipmentLine> Lines { get; }
    public string Status { get; private set; }
    public int WrongCodeCount { get; private set; }
    public IReadOnlyList<ShipmentLeg> Legs => _legs;
    public IReadOnlyList<ShipmentEvent> Events => _events;

    public bool IsLocked => WrongCodeCount >= MaxWrongCodes;
    /// <summary>Order cancellation is allowed only while this is false for every shipment.</summary>
    public bool HasDeparted => _legs.Any(l => l.Status != LegStatus.Planned);
    private ShipmentLeg? MovingLeg => _legs.FirstOrDefault(l => l.Status == LegStatus.InTransit);
    private ShipmentLeg? NextLeg => _legs.FirstOrDefault(l => l.Status == LegStatus.Planned);

    /// <summary>The node where the shipment is, or null while it is on a vehicle.</summary>
    public string? CurrentNodeId => MovingLeg is not null ? null
        : _legs.LastOrDefault(l => l.Status == LegStatus.Arrived)?.To ?? OriginStationId;

    /// <summary>Whether a hub or station may scan this shipment (the caller still checks the key's own node).</summary>
    public bool IsOnPath(string nodeId) => nodeId == OriginStationId || _legs.Any(l => l.To == nodeId);

    public ShipmentSnapshot ToSnapshot() => new(Id, OrderId, OriginStationId, DestinationStationId, WeightGrams, _pickupCode,
        Status, WrongCodeCount, Lines, [.. _legs], [.. _events]);

    private Shipment(ShipmentSnapshot s)
    {
        (Id, OrderId, OriginStationId, DestinationStationId, WeightGrams, _pickupCode) =
            (s.Id, s.OrderId, s.OriginStationId, s.DestinationStationId, s.WeightGrams, s.PickupCode);
        (Status, WrongCodeCount, Lines, _legs, _events) = (s.Status, s.WrongCodeCount, [.. s.Lines], [.. s.Legs], [.. s.Events]);
    }

    /// <summary>A routed shipment whose legs are booked. With no legs (same station) it is ready for pickup at once.</summary>
    public static Shipment Create(ShipmentDraft draft, IReadOnlyList<LegBooking> bookings, string pickupCode)
    {
        if (!PickupCode.IsWellFormed(pickupCode)) throw new ArgumentException("A pickup code is six digits.", nameof(pickupCode));
        var legs = bookings.OrderBy(b => b.Leg.Seq)
            .Select(b => new ShipmentLeg(b.Leg.Seq, b.Leg.From, b.Leg.To, b.Run.Id, b.Run.Date, LegStatus.Planned)).ToList();
        var status = legs.Count == 0 ? ShipmentStatus.ReadyForPickup : ShipmentStatus.Routed;
        return Restore(new ShipmentSnapshot(draft.Id, draft.OrderId, draft.OriginStationId, draft.DestinationStationId,
            draft.WeightGrams, pickupCode, status, 0, draft.Lines, legs, []));
    }

    /// <summary>Rebuilds a stored shipment, checking that its legs form the path from origin to destination.</summary>
    public static Shipment Restore(ShipmentSnapshot snapshot)
    {
        var legs = snapshot.Legs;
        var chained = legs.Select((l, i) => l.Seq == i + 1 && l.From == (i == 0 ? snapshot.OriginStationId : legs[i - 1].To)
            && (i == 0 || l.Date >= legs[i - 1].Date)).All(ok => ok);
        var ends = legs.Count == 0 ? snapshot.OriginStationId == snapshot.DestinationStationId : legs[^1].To == snapshot.DestinationStationId;
        // Legs progress in order: arrived ones, at most one on a vehicle, then planned ones.
        var progress = string.Concat(legs.Select(l => l.Status switch { LegStatus.Arrived => 'a', LegStatus.InTransit => 't', LegStatus.Planned => 'p', _ => '?' }));
        var ordered = System.Text.RegularExpressions.Regex.IsMatch(progress, "^a*t?p*$");
        if (!chained || !ends || !ordered)
            throw new ArgumentException($"Shipment {snapshot.Id}: legs must run in order from origin to destination, never back in time, and progress in order.", nameof(snapshot));
        if (!Ids.IsSafe(snapshot.Id) || snapshot.WeightGrams < 1)
            throw new ArgumentException($"Shipment {snapshot.Id}: invalid id or weight.", nameof(snapshot));
        return new Shipment(snapshot);
    }
}
