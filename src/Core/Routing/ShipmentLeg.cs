namespace Lianhua.Commerce.Core.Routing;

/// <summary>A leg as the shipment carries it: the path hop, the run it is booked on, and how far it got.</summary>
public sealed record ShipmentLeg(int Seq, string From, string To, string RunId, DateOnly Date, string Status);
