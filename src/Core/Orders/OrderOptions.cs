namespace Lianhua.Commerce.Core.Orders;

/// <summary>Configuration section "Commerce:Orders".</summary>
public sealed class OrderOptions
{
    /// <summary>How long a placement may run before a replay or the router takes it over (it is then presumed dead).</summary>
    public TimeSpan PlacementLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The orders-placed message is sent before the commit, hidden this long so the commit usually lands first.</summary>
    public TimeSpan RouteDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a request with a key that is still in flight waits for the first one's answer.</summary>
    public TimeSpan InFlightWait { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// On orders-placed: "make this order's holdings match its status". Placement sends it (with its key, so the router can
/// finish an abandoned placement) and so does a cancel (without one, so the router gives back what a crashed cancel still holds).
/// </summary>
public sealed record OrderPlacedMessage(string OrderId, string StationId, string? IdempotencyKey);
