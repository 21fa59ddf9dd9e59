namespace Lianhua.Commerce.Core.Households;

/// <summary>A registration as the county sends it, unchecked. <see cref="ToString"/> leaves out the personal data.</summary>
public sealed record NewHousehold(string? Name, string? NationalId, string? TownshipCode, string? Village, string? StationId,
    string? PairedUnit, int? RegisteredYear)
{
    public override string ToString() => $"NewHousehold {{ StationId = {StationId} }}";
}
