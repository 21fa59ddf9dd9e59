namespace Lianhua.Commerce.Core.Operations;

/// <summary>A delivered shipment (or a refund) whose ledger entries could not be written: <paramref name="Since"/> is an ISO instant.</summary>
public sealed record UnattributedShipment(string ShipmentId, string OrderId, string Since, string Reason);
