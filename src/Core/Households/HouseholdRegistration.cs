using Lianhua.Commerce.Core.Network;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// A checked registration: trimmed texts, the national ID normalised, the station found in the network.
/// <see cref="ToString"/> leaves out the personal data.
/// </summary>
public sealed record HouseholdRegistration(string Name, string NationalId, Station Station, string Village, string PairedUnit, int RegisteredYear)
{
    public override string ToString() => $"HouseholdRegistration {{ StationId = {Station.Id} }}";
}
