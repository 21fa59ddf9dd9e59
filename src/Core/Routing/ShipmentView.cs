using Lianhua.Commerce.Core.Orders;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>A shipment as tracking and scans show it; the pickup code is never part of it.</summary>
public sealed record ShipmentView(string Id, string OrderId, string OriginStationId, string DestinationStationId, string Status,
    long WeightGrams, bool Locked, IReadOnlyList<LegView> Legs, IReadOnlyList<EventView> Events)
{
    public static ShipmentView From(Shipment s) => new(s.Id, s.OrderId, s.OriginStationId, s.DestinationStationId, s.Status, s.WeightGrams, s.IsLocked,
        s.Legs.Select(l => new LegView(l.Seq, l.From, l.To, l.RunId, BusinessDay.Format(l.Date), l.Status)).ToList(),
        s.Events.Select(e => new EventView(e.Event, e.NodeId, OrderView.Instant(e.At))).ToList());
}
