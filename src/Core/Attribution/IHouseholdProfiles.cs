namespace Lianhua.Commerce.Core.Attribution;

/// <summary>The household registry as attribution needs it (Households feature).</summary>
public interface IHouseholdProfiles
{
    /// <summary>The household, or null when no household has the id.</summary>
    Task<HouseholdProfile?> FindAsync(string householdId, CancellationToken ct);
}
