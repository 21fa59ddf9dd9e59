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

    /// <summary>
    /// Routing gives way to placements running in the same instance (Common.Foreground), for at most this long after the
    /// message was sent: a burst of checkouts is not slowed by routing, and routing lags by at most about this much.
    /// </summary>
    public TimeSpan RoutingYield { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When every run of a link on an order's path is full for the 30 days routing books ahead, routing tries again after
    /// this long (a new message), keeping the runs it booked for the order's other shipments. The order stays confirmed.
    /// </summary>
    public TimeSpan NoRoomRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// An order waiting for room is listed in GET /api/attention (unroutedOrders) once it has waited this long; an order routing
    /// can never route is listed at once.
    /// </summary>
    public TimeSpan WaitingListedAfter { get; set; } = TimeSpan.FromHours(2);
}
