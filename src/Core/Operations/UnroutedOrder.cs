namespace Lianhua.Commerce.Core.Operations;

/// <summary>An order routing cannot route (or that waits for room past the grace period): <paramref name="Since"/> is an ISO instant.</summary>
public sealed record UnroutedOrder(string OrderId, string StationId, string Since, string Reason);
