using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// What routing has done to an order so far, saved on the order with its ETag. <see cref="StartDay"/>: the China day every
/// routing of the order books from, fixed the first time a routing starts on a later day than the order's (null: the order's
/// day), so two routings on either side of midnight never book different days. <see cref="Holds"/>: the runs its legs were
/// booked on while it waited for room or could not be routed, which a cancel gives back whatever the network has become.
/// <see cref="Reason"/> and <see cref="Since"/>: why it is not routed, and since when (<see cref="Unroutable"/>: never will be).
/// </summary>
public sealed record RoutingProgress(DateOnly? StartDay, IReadOnlyList<HeldLeg> Holds, string? Reason, DateTimeOffset? Since, bool Unroutable)
{
    public static readonly RoutingProgress None = new(null, [], null, null, false);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => StartDay is null && Holds.Count == 0 && Reason is null;
}
