using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Households.Storage;

/// <summary>
/// Table Households, a household: PartitionKey = county code, RowKey = <c>h~{stationId}~{householdId}</c> (a station's
/// households are one RowKey range). The name and national ID only sealed; the masked name in clear for lists.
/// </summary>
public sealed class HouseholdEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Id { get; set; } = "";
    public string StationId { get; set; } = "";
    public string TownshipCode { get; set; } = "";
    public string Village { get; set; } = "";
    public string PairedUnit { get; set; } = "";
    public int RegisteredYear { get; set; }
    public string NameMasked { get; set; } = "";
    public string NameSealed { get; set; } = "";
    public string NationalIdSealed { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }

    public static string Row(string stationId, string householdId) => $"h~{stationId}~{householdId}";

    /// <summary>The RowKey range of a station's households: from this prefix up to it followed by <c>~</c>.</summary>
    public static string StationPrefix(string stationId) => $"h~{stationId}~";

    public static HouseholdEntity From(string countyCode, ProtectedHousehold p) => new()
    {
        PartitionKey = countyCode,
        RowKey = Row(p.Household.StationId, p.Household.Id),
        Id = p.Household.Id,
        StationId = p.Household.StationId,
        TownshipCode = p.Household.TownshipCode,
        Village = p.Household.Village,
        PairedUnit = p.Household.PairedUnit,
        RegisteredYear = p.Household.RegisteredYear,
        NameMasked = p.Household.NameMasked,
        NameSealed = p.Name.Format(),
        NationalIdSealed = p.NationalId.Format(),
        RegisteredAt = p.RegisteredAt,
    };

    public Household ToHousehold() => new(Id, NameMasked, TownshipCode, Village, StationId, PairedUnit, RegisteredYear);

    public ProtectedHousehold ToProtected() =>
        new(ToHousehold(), SealedText.Parse(NameSealed), SealedText.Parse(NationalIdSealed), RegisteredAt);
}
