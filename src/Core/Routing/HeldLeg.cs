namespace Lianhua.Commerce.Core.Routing;

/// <summary>A leg of a shipment booked on a run (<see cref="Run"/>) before the order is routed: what a cancel must give back.</summary>
public sealed record HeldLeg(string ShipmentId, string From, string To, DateOnly Date)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public RunKey Run => new(From, To, Date);
}
