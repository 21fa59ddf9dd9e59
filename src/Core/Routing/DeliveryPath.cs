namespace Lianhua.Commerce.Core.Routing;

/// <summary>The nodes a shipment passes, in order, and the legs between them.</summary>
public sealed record DeliveryPath(string OriginStationId, string DestinationStationId, IReadOnlyList<Leg> Legs)
{
    /// <summary>Origin first, destination last; a same-station path has one node.</summary>
    public IReadOnlyList<string> Nodes => [OriginStationId, .. Legs.Select(l => l.To)];

    /// <summary>Hubs and stations that may scan a shipment on this path.</summary>
    public bool IsOnPath(string nodeId) => Nodes.Contains(nodeId, StringComparer.Ordinal);

    /// <summary>
    /// The heaviest shipment that can ever travel this path (the smallest link capacity), or null when
    /// there are no legs. Order placement can check it so routing never meets a shipment that cannot fit.
    /// </summary>
    public long? MaxShipmentGrams => Legs.Count == 0 ? null : Legs.Min(l => l.CapacityGrams);
}
