using Lianhua.Commerce.Core.Network;

namespace Lianhua.Commerce.Core.Summaries;

public static class SummaryViews
{
    /// <summary>
    /// Every township of the network, in code order, with zeros where nothing sold (and any township the figures name that the
    /// network no longer has, under its code), so a report always has the same rows; names come from today's network.
    /// </summary>
    public static SalesSummary From(string period, SalesFigures f, CountyNetwork network, bool? stale = null, DateTimeOffset? builtAt = null)
    {
        var byCode = f.Townships.ToDictionary(t => t.TownshipCode, StringComparer.Ordinal);
        var codes = network.Document.Hubs.Where(h => h.Kind == Hub.TownshipKind && h.TownshipCode is not null).Select(h => h.TownshipCode!)
            .Concat(byCode.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var townships = codes.Select(code => byCode.GetValueOrDefault(code) is { } t
                ? new TownshipSummary(code, network.TownshipName(code) ?? code, t.OrdersDelivered, t.GmvFen, t.HouseholdIncomeFen)
                : new TownshipSummary(code, network.TownshipName(code) ?? code, 0, 0, 0))
            .ToList();
        return new SalesSummary(period, f.OrdersDelivered, f.GmvFen, f.HouseholdIncomeFen, f.RefundsFen, f.Households.Count, townships,
            f.Categories, stale, builtAt is { } at ? Orders.OrderView.Instant(at) : null);
    }
}
