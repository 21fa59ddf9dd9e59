namespace Lianhua.Commerce.Core.Routing;

/// <summary>The shipments-delivered queue message, sent when a shipment is picked up.</summary>
public sealed record ShipmentDeliveredMessage(string OrderId, string ShipmentId) : Operations.IQueueMessage
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsReadable => !string.IsNullOrEmpty(OrderId) && !string.IsNullOrEmpty(ShipmentId);
}
