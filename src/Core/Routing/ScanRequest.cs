namespace Lianhua.Commerce.Core.Routing;

public sealed record ScanRequest(string? Event, string? NodeId, string? PickupCode);
