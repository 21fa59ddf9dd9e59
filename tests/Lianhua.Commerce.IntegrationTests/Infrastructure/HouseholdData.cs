using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Households;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>Registrations of households for tests: valid, made-up national IDs of Lianhua County (360321).</summary>
public static class HouseholdData
{
    /// <summary>A valid national ID nobody else in the test uses: a random birth date and sequence, the right check character.</summary>
    public static string NewNationalId()
    {
        var born = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 50 * 365));
        var first17 = $"360321{born.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}{Random.Shared.Next(0, 1000):D3}";
        return first17 + NationalId.CheckCharacter(first17);
    }

    /// <summary>The township of a station of the shipped network (<c>st-{townshipCode}-{nn}</c>).</summary>
    public static string TownshipOf(string stationId) => stationId.Split('-')[1];

    /// <summary>POST /households: a household of <paramref name="stationId"/> (in its township) with a new national ID unless given.</summary>
    public static HouseholdBody New(string stationId = TestData.StationA, string? nationalId = null, string name = "欧阳小明",
        string village = "路口村", string pairedUnit = "莲花县农业农村局", int registeredYear = 2016) =>
        new(name, nationalId ?? NewNationalId(), TownshipOf(stationId), village, stationId, pairedUnit, registeredYear);

    /// <summary>Registers a household with the county key; its 201 body (id, nameMasked, township, village, station, paired unit, year).</summary>
    public static async Task<JsonNode> Register(LocalHostFixture host, string stationId = TestData.StationA, string name = "欧阳小明")
    {
        var created = await host.County().Post("households", New(stationId, name: name));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Json;
    }
}

public sealed record HouseholdBody(string Name, string NationalId, string TownshipCode, string Village, string StationId, string PairedUnit, int RegisteredYear);
