namespace Lianhua.Commerce.Core.Operations;

/// <summary>A shipment locked after wrong pickup codes at <paramref name="NodeId"/>: <paramref name="Since"/> is an ISO instant.</summary>
public sealed record LockedShipment(string ShipmentId, string OrderId, string NodeId, string Since);
