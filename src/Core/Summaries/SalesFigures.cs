namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// What a day's snapshot (or a month's roll-up) keeps: the totals, the non-empty groups in ordinal order, and the distinct
/// households with a sale entry, so a longer period's <c>householdsReached</c> is a union, exact, never a sum of days.
/// Adding two periods gives the figures of both; the same postings always give equal figures.
/// </summary>
public sealed record SalesFigures(long OrdersDelivered, long GmvFen, long HouseholdIncomeFen, long RefundsFen,
    IReadOnlyList<TownshipFigures> Townships, IReadOnlyList<CategoryFigures> Categories, IReadOnlyList<string> Households)
{
    public static readonly SalesFigures Zero = new(0, 0, 0, 0, [], [], []);

    public SalesFigures Plus(SalesFigures other) => new(
        OrdersDelivered + other.OrdersDelivered, GmvFen + other.GmvFen, HouseholdIncomeFen + other.HouseholdIncomeFen, RefundsFen + other.RefundsFen,
        Townships.Concat(other.Townships).GroupBy(t => t.TownshipCode, StringComparer.Ordinal)
            .Select(g => new TownshipFigures(g.Key, g.Sum(t => t.OrdersDelivered), g.Sum(t => t.GmvFen), g.Sum(t => t.HouseholdIncomeFen)))
            .OrderBy(t => t.TownshipCode, StringComparer.Ordinal).ToList(),
        Categories.Concat(other.Categories).GroupBy(c => c.Category, StringComparer.Ordinal)
            .Select(g => new CategoryFigures(g.Key, g.Sum(c => c.GmvFen), g.Sum(c => c.Quantity)))
            .OrderBy(c => c.Category, StringComparer.Ordinal).ToList(),
        Households.Concat(other.Households).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    public static SalesFigures Sum(IEnumerable<SalesFigures> periods) => periods.Aggregate(Zero, (sum, p) => sum.Plus(p));
}
