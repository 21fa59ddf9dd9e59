namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// One order in an orders-placed message: "make this order's holdings match its status". Placement sends it (with its key, so
/// the router can finish an abandoned placement, and the township whose partition holds its claim) and so does a cancel
/// (without one, so the router gives back what a crashed cancel still holds).
/// </summary>
public sealed record OrderToRoute(string OrderId, string StationId, string? IdempotencyKey, string? ClaimTownship = null);
