namespace Lianhua.Commerce.Core.Routing;

public sealed record TrackingView(string OrderId, string Status, IReadOnlyList<ShipmentView> Shipments);
