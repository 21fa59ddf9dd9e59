using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>Wire values of an order's status (contract).</summary>
public static class OrderStatus
{
    public const string Confirmed = "confirmed";
    public const string Routed = "routed";
    public const string InTransit = "in_transit";
    public const string ReadyForPickup = "ready_for_pickup";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Confirmed, Routed, InTransit, ReadyForPickup, Delivered, Cancelled];

    /// <summary>A routed order's status from its shipments' statuses (values of <see cref="ShipmentStatus"/>).</summary>
    public static string RollUp(IEnumerable<string> shipmentStatuses)
    {
        // A cancel covers the whole order; shipments caught mid-cancel are ignored until all are cancelled.
        var all = shipmentStatuses.ToList();
        if (all.Count == 0) throw new ArgumentException("An order has at least one shipment.", nameof(shipmentStatuses));
        var live = all.Where(s => s != ShipmentStatus.Cancelled).ToList();
        if (live.Count == 0) return Cancelled;
        if (live.All(s => s == ShipmentStatus.Delivered)) return Delivered;
        if (live.All(s => s is ShipmentStatus.ReadyForPickup or ShipmentStatus.Delivered)) return ReadyForPickup;
        // Statuses alone cannot tell a same-station shipment (ready without departing) from one that
        // travelled; either way part of the order has moved on, which is what in_transit tells the station.
        if (live.Any(s => s != ShipmentStatus.Routed)) return InTransit;
        return Routed;
    }
}
