using Lianhua.Commerce.Core.Attribution;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// A day's figures from that day's postings (its DailyLedger partition) alone, by the contract's definitions: an order counts
/// (ordersDelivered, gmvFen, by its lines' townships and categories) on the day its last shipment was picked up; household
/// income on each shipment's own pickup day (gross); refunds on the refund's day. An order counts once in every township that
/// produced one of its lines, so the townships' orders may add up to more than the total; their GMV and income add up exactly.
/// </summary>
public static class DayFigures
{
    public static SalesFigures From(IEnumerable<LedgerPosting> postings)
    {
        long orders = 0, gmv = 0, income = 0, refunds = 0;
        var townships = new Dictionary<string, (long Orders, long Gmv, long Income)>(StringComparer.Ordinal);
        var categories = new Dictionary<string, (long Gmv, long Quantity)>(StringComparer.Ordinal);
        var households = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in postings)
        {
            if (p.Kind == LedgerWork.Refund) { refunds += p.Lines.Sum(l => l.AmountFen); continue; }
            foreach (var line in p.Lines)
                foreach (var part in line.Households.Where(h => h.AmountFen > 0))
                {
                    income += part.AmountFen;
                    households.Add(part.HouseholdId);
                    Add(townships, line.ListingTownshipCode, t => t with { Income = t.Income + part.AmountFen });
                }
            if (!p.CompletesOrder) continue;
            orders++;
            gmv += p.OrderTotalFen;
            // Rows written before OrderLines existed carry only their own shipment's lines: right for one-shipment orders.
            var lines = p.OrderLines ?? p.Lines.Select(l => new CompletedOrderLine(l.ListingTownshipCode, l.Category, l.Quantity, l.AmountFen)).ToList();
            foreach (var township in lines.Select(l => l.ListingTownshipCode).Distinct(StringComparer.Ordinal))
                Add(townships, township, t => t with { Orders = t.Orders + 1 });
            foreach (var l in lines)
            {
                Add(townships, l.ListingTownshipCode, t => t with { Gmv = t.Gmv + l.AmountFen });
                categories[l.Category] = categories.GetValueOrDefault(l.Category) is var c ? (c.Gmv + l.AmountFen, c.Quantity + l.Quantity) : default;
            }
        }
        return new SalesFigures(orders, gmv, income, refunds,
            townships.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TownshipFigures(t.Key, t.Value.Orders, t.Value.Gmv, t.Value.Income)).ToList(),
            categories.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CategoryFigures(c.Key, c.Value.Gmv, c.Value.Quantity)).ToList(),
            households.ToList());
    }

    private static void Add<T>(Dictionary<string, T> groups, string key, Func<T, T> change) where T : struct =>
        groups[key] = change(groups.GetValueOrDefault(key));
}
