namespace Lianhua.Commerce.Core.Routing;

public sealed record ShipmentEvent(string Event, string NodeId, DateTimeOffset At);
