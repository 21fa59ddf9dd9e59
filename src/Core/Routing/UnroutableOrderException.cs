namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// Routing can never route the order as the network stands (a station gone, a link missing, a shipment heavier than a link
/// carries). The order keeps the runs it holds and is listed for the county (GET /api/attention) until it is cancelled.
/// </summary>
public sealed class UnroutableOrderException(string detail) : Exception(detail);
