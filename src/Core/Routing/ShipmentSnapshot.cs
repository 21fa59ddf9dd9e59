namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// Everything a shipment is, for the store to persist and restore. The position (where the shipment is)
/// is not stored: it follows from the legs' statuses, so the two cannot disagree.
/// </summary>
public sealed record ShipmentSnapshot(
    string Id, string OrderId, string OriginStationId, string DestinationStationId, long WeightGrams, string PickupCode,
    string Status, int WrongCodeCount, IReadOnlyList<ShipmentLine> Lines, IReadOnlyList<ShipmentLeg> Legs, IReadOnlyList<ShipmentEvent> Events);
