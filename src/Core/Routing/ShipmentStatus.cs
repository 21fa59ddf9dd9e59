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

public static class LegStatus
{
    public const string Planned = "planned";
    public const string InTransit = "in_transit";
    public const string Arrived = "arrived";
}

public static class ScanEvent
{
    public const string Depart = "depart";
    public const string Arrive = "arrive";
    public const string Pickup = "pickup";
}

/// <summary>A leg as the shipment carries it: the path hop, the run it is booked on, and how far it got.</summary>
public sealed record ShipmentLeg(int Seq, string From, string To, string RunId, DateOnly Date, string Status);

public sealed record ShipmentEvent(string Event, string NodeId, DateTimeOffset At);
