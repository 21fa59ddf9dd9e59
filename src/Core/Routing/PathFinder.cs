using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// The contract fixes the path (station → township hub → county warehouse → township hub → station),
/// so it is built by rule, not searched: a graph search could pick a shorter path the county never runs.
/// </summary>
public static class PathFinder
{
    /// <exception cref="ValidationFailedException">an id does not name a station of the network.</exception>
    /// <exception cref="ConflictException">the network lacks a link the rule needs.</exception>
    public static DeliveryPath Find(CountyNetwork network, string? originStationId, string? destinationStationId)
    {
        ArgumentNullException.ThrowIfNull(network);
        var v = new Validator();
        var origin = originStationId is null ? null : network.FindStation(originStationId);
        var destination = destinationStationId is null ? null : network.FindStation(destinationStationId);
        if (origin is null) v.Add("originStationId", $"'{originStationId}' is not a station of the network.");
        if (destination is null) v.Add("destinationStationId", $"'{destinationStationId}' is not a station of the network.");
        v.ThrowIfInvalid();

        string[] nodes = origin!.Id == destination!.Id ? [origin.Id]
            : origin.HubId == destination.HubId ? [origin.Id, origin.HubId, destination.Id]
            : [origin.Id, origin.HubId, network.Warehouse.Id, destination.HubId, destination.Id];

        var legs = new List<Leg>(nodes.Length - 1);
        for (var i = 0; i + 1 < nodes.Length; i++)
        {
            // CountyNetwork.Create guarantees these links; checking again keeps a bad network from
            // producing a leg that no vehicle runs.
            var link = network.FindLink(nodes[i], nodes[i + 1])
                ?? throw new ConflictException($"The network has no link between {nodes[i]} and {nodes[i + 1]}; the county must add it before this shipment can be routed.");
            legs.Add(new Leg(i + 1, nodes[i], nodes[i + 1], link.CapacityGrams));
        }
        return new DeliveryPath(origin.Id, destination.Id, legs);
    }
}
