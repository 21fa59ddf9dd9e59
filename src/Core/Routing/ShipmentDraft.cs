namespace Lianhua.Commerce.Core.Routing;

/// <summary>The part of an order that leaves one origin station, before it is routed and booked.</summary>
public sealed record ShipmentDraft(
    string Id, string OrderId, string OriginStationId, string DestinationStationId, long WeightGrams, IReadOnlyList<ShipmentLine> Lines);
