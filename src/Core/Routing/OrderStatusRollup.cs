namespace Lianhua.Commerce.Core.Routing;

/// <summary>An order's delivery status from its shipments' statuses (values of <see cref="ShipmentStatus"/>).</summary>
public static class OrderStatusRollup
{
    public static string Of(IEnumerable<string> shipmentStatuses)
    {
        // A cancel covers the whole order; shipments caught mid-cancel are ignored until all are cancelled.
        var all = shipmentStatuses.ToList();
        if (all.Count == 0) throw new ArgumentException("An order has at least one shipment.", nameof(shipmentStatuses));
        var live = all.Where(s => s != ShipmentStatus.Cancelled).ToList();
        if (live.Count == 0) return ShipmentStatus.Cancelled;
        if (live.All(s => s == ShipmentStatus.Delivered)) return ShipmentStatus.Delivered;
        if (live.All(s => s is ShipmentStatus.ReadyForPickup or ShipmentStatus.Delivered)) return ShipmentStatus.ReadyForPickup;
        // Statuses alone cannot tell a same-station shipment (ready without departing) from one that
        // travelled; either way part of the order has moved on, which is what in_transit tells the station.
        if (live.Any(s => s != ShipmentStatus.Routed)) return ShipmentStatus.InTransit;
        return ShipmentStatus.Routed;
    }
}
