namespace Lianhua.Commerce.Core.Households;

/// <summary>A household in its station's list: enough to name a listing's producers, the name masked.</summary>
public sealed record HouseholdListItem(string Id, string NameMasked, string Village, string PairedUnit, int RegisteredYear)
{
    public static HouseholdListItem From(Household h) => new(h.Id, h.NameMasked, h.Village, h.PairedUnit, h.RegisteredYear);
}
