namespace Lianhua.Commerce.Core.Routing;

/// <summary>The shipments-delivered queue message, sent when a shipment is picked up.</summary>
public sealed record ShipmentDeliveredMessage(string OrderId, string ShipmentId);
