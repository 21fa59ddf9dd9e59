using Lianhua.Commerce.Core.Attribution;

namespace Lianhua.Commerce.Core.Households;

/// <summary>The registry as attribution and listings see it: what a ledger entry copies of a household, nothing personal.</summary>
public sealed class HouseholdProfiles(HouseholdService households) : IHouseholdProfiles
{
    public async Task<HouseholdProfile?> FindAsync(string householdId, CancellationToken ct) =>
        await households.FindAsync(householdId, ct) is { } h ? new HouseholdProfile(h.Id, h.TownshipCode, h.Village, h.PairedUnit) : null;
}
