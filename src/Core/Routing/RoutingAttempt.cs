namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// One pass of booking an order's shipments from a start day: the shipments when every leg is booked, every leg booked on the
/// way (<see cref="Booked"/>, also when a shipment failed), the from-nodes of each shipment's path as the network gives it now,
/// and the failure that stopped it (no room, or a shipment that can never be routed), if any.
/// </summary>
public sealed record RoutingAttempt(IReadOnlyList<Shipment> Shipments, IReadOnlyList<HeldLeg> Booked,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Paths, Common.CommerceException? Failure)
{
    public bool Unroutable => Failure is not null and not NoRunWithRoomException;

    /// <summary>Why routing stopped short, for the county: a validation failure's field messages, else the failure's detail.</summary>
    public string? Reason => Failure is Common.ValidationFailedException v ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : Failure?.Message;

    /// <summary>
    /// Holds that are no longer where the leg is: a leg of a path the network no longer gives, or a leg now booked on another run
    /// (moved to a later day). Legs of a shipment whose path is unknown (a station gone) or not reached yet stay held.
    /// </summary>
    public IReadOnlyList<HeldLeg> Stale(IEnumerable<HeldLeg> holds) => holds.Where(h =>
        (Paths.TryGetValue(h.ShipmentId, out var path) && !path.Contains(h.From))
        || Booked.Any(b => b.ShipmentId == h.ShipmentId && b.From == h.From && b != h)).ToList();
}
