using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Households;
using Lianhua.Commerce.Core.Network;

namespace Lianhua.Commerce.Core.Tests.Households;

public sealed class HouseholdRulesTests
{
    private static readonly CountyNetwork Network = CountyNetwork.Create(NetworkService.LoadShipped());
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static NewHousehold Valid() => new(" 欧阳小明 ", "36032119900101000x", "360321101", "路口村", "st-360321101-01", "莲花县农业农村局", 2016);

    [Fact]
    public void Check_OfAValidRegistration_TrimsAndNormalises()
    {
        var checkedIn = HouseholdRules.Check(Valid(), Network, Today);
        Assert.Equal("欧阳小明", checkedIn.Name);
        Assert.Equal("36032119900101000X", checkedIn.NationalId);
        Assert.Equal("st-360321101-01", checkedIn.Station.Id);
        Assert.DoesNotContain("欧阳", checkedIn.ToString());
        Assert.DoesNotContain("360321199", checkedIn.ToString());
        Assert.DoesNotContain("欧阳", Valid().ToString());
    }

    [Fact]
    public void Check_NamesEveryBadField()
    {
        var bad = new NewHousehold("", "360321199001010019", "360321204", new string('村', 41), "st-360321101-01", null, 2013);
        var errors = Assert.Throws<ValidationFailedException>(() => HouseholdRules.Check(bad, Network, Today)).Errors;
        Assert.Equal(["name", "nationalId", "pairedUnit", "registeredYear", "townshipCode", "village"], errors.Keys.Order());
        Assert.Contains("township of the station", errors["townshipCode"][0]);
    }

    [Theory]
    [InlineData("st-nowhere", "360321101", "stationId")]
    [InlineData(null, "360321101", "stationId")]
    [InlineData("st-360321101-01", null, "townshipCode")]
    public void Check_RefusesAStationOutsideTheNetwork_OrAnotherTownship(string? station, string? township, string field)
    {
        var errors = Assert.Throws<ValidationFailedException>(() =>
            HouseholdRules.Check(Valid() with { StationId = station, TownshipCode = township }, Network, Today)).Errors;
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData(2014, true)]
    [InlineData(2026, true)]
    [InlineData(2027, false)]
    [InlineData(2013, false)]
    public void Check_RegisteredYear_From2014ToThisYear(int year, bool valid)
    {
        var check = () => HouseholdRules.Check(Valid() with { RegisteredYear = year }, Network, Today);
        if (valid) check();
        else Assert.Contains("registeredYear", Assert.Throws<ValidationFailedException>(check).Errors.Keys);
    }

    [Theory]
    [InlineData("张")]
    [InlineData("\U00020000\U00020001")]
    public void Check_AcceptsNamesOfOneCharacterAndOutsideTheBmp(string name) =>
        Assert.Equal(name, HouseholdRules.Check(Valid() with { Name = name }, Network, Today).Name);

    [Fact]
    public void HouseholdId_CarriesCountyAndStation_AndParsesOnlyItsOwnShape()
    {
        var id = HouseholdId.New("360321", "st-360321101-01");
        Assert.Matches("^360321-st-360321101-01-h[0-9a-f]{16}$", id);
        Assert.True(id.Length <= 64);
        Assert.Equal(("360321", "st-360321101-01"), HouseholdId.Parse(id));
        var longest = new string('s', Station.MaxIdLength); // the longest station id a network may have still fits in 64
        Assert.True(HouseholdId.New("360321", longest).Length <= 64);
        Assert.Equal(("360321", longest), HouseholdId.Parse(HouseholdId.New("360321", longest)));
        foreach (var bad in new[] { "", "360321--h0011223344556677", "36032a-st-1-h0011223344556677", "360321-st-1-h00112233445566ZZ",
                     "360321-st-1-x0011223344556677", "360321-st-1-h00112233445566", "360321-st/1-h0011223344556677" })
            Assert.Null(HouseholdId.Parse(bad));
    }
}
