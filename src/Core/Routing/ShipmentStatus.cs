namespace Lianhua.Commerce.Core.Routing;

/// <summary>Wire values of the contract (tracking, order status); strings so storage and JSON need no mapping.</summary>
public static class ShipmentStatus
{
    public const string Routed = "routed";
    public const string InTransit = "in_transit";
    public const string ReadyForPickup = "ready_for_pickup";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";
}
