namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// A registered poverty household as everyone but the county's detail view sees it: no national ID, the name masked.
/// The answer to a registration (contract order of fields), and what <see cref="HouseholdService.FindAsync"/> gives
/// listings and attribution (township, village and paired unit to copy; no decryption needed).
/// </summary>
/// <param name="PairedUnit">The paired assistance unit (结对帮扶单位) that helps the household.</param>
/// <param name="RegisteredYear">The year the household was registered as poor (建档立卡).</param>
public sealed record Household(
    string Id, string NameMasked, string TownshipCode, string Village, string StationId, string PairedUnit, int RegisteredYear);
