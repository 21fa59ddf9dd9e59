using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;

namespace Lianhua.Commerce.Core.Attribution;

/// <summary>GET /api/households/{id}/sales: a household's ledger over a period (county only).</summary>
public sealed class HouseholdSalesService(IHouseholdProfiles households, LedgerStore ledger)
{
    public async Task<HouseholdSalesView> GetAsync(Caller caller, string householdId, string? from, string? to, CancellationToken ct)
    {
        caller.RequireCounty();
        var v = new Validator();
        var first = DateOnly.MinValue;
        var last = DateOnly.MaxValue;
        if (from is not null && !BusinessDay.TryParse(from, out first)) v.Add("from", "must be a date yyyy-MM-dd.");
        if (to is not null && !BusinessDay.TryParse(to, out last)) v.Add("to", "must be a date yyyy-MM-dd.");
        if (v.IsValid && first > last) v.Add("to", "must not be before from.");
        v.ThrowIfInvalid();
        if (!Ids.IsSafe(householdId) || await households.FindAsync(householdId, ct) is null) throw new NotFoundException("Household");
        var entries = await ledger.HouseholdAsync(householdId, first, last, ct);
        var total = entries.Sum(e => e.Kind == LedgerEntry.Sale ? e.AmountFen : -e.AmountFen);
        return new HouseholdSalesView(householdId, total, entries.Select(e =>
            new HouseholdSalesEntry(e.OrderId, e.ListingId, e.AmountFen, e.Kind, Orders.OrderView.Instant(e.At))).ToList());
    }
}
