namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// The county's view of one household: the full name and the last four characters of the national ID, never more.
/// <see cref="ToString"/> leaves the name out, so the record cannot leak it into a log.
/// </summary>
public sealed record HouseholdDetails(
    string Id, string Name, string NameMasked, string NationalIdLast4, string TownshipCode, string Village, string StationId,
    string PairedUnit, int RegisteredYear)
{
    public static HouseholdDetails From(Household h, string name, string nationalIdLast4) =>
        new(h.Id, name, h.NameMasked, nationalIdLast4, h.TownshipCode, h.Village, h.StationId, h.PairedUnit, h.RegisteredYear);

    public override string ToString() => $"HouseholdDetails {{ Id = {Id} }}";
}
