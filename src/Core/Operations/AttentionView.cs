namespace Lianhua.Commerce.Core.Operations;

/// <summary>
/// GET /api/attention: what the county must act on. Lists other than <see cref="UnattributedShipments"/> and <see cref="SummaryDays"/> are answered empty
/// until their sources are built (unrouted orders, locked shipments, poison queues).
/// </summary>
public sealed record AttentionView(IReadOnlyList<object> UnroutedOrders, IReadOnlyList<object> LockedShipments,
    IReadOnlyList<UnattributedShipment> UnattributedShipments, IReadOnlyList<object> Poison, IReadOnlyList<Summaries.SummaryDay> SummaryDays);
