using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;

namespace Lianhua.Commerce.Core.Households;

public static class HouseholdRules
{
    /// <summary>Poverty households were registered (建档立卡) from 2014 on.</summary>
    public const int FirstRegisteredYear = 2014;

    /// <summary>Checks every field at once (400 naming each); <paramref name="today"/> is the China business day.</summary>
    public static HouseholdRegistration Check(NewHousehold? input, CountyNetwork network, DateOnly today)
    {
        var v = new Validator();
        if (input is null) { v.Add("body", "is required."); v.ThrowIfInvalid(); }
        var name = v.Text("name", input!.Name, 1, 40).Trim();
        var nationalId = input.NationalId is null ? "" : NationalId.Normalize(input.NationalId);
        if (input.NationalId is null) v.Add("nationalId", "is required.");
        else if (NationalId.Problem(nationalId, today) is { } problem) v.Add("nationalId", problem);
        var station = CheckStation(v, input, network);
        var village = v.Text("village", input.Village, 1, 40).Trim();
        var pairedUnit = v.Text("pairedUnit", input.PairedUnit, 1, 80).Trim();
        var year = v.Range("registeredYear", input.RegisteredYear, FirstRegisteredYear, today.Year);
        v.ThrowIfInvalid();
        return new HouseholdRegistration(name, nationalId, station!, village, pairedUnit, (int)year);
    }

    private static Station? CheckStation(Validator v, NewHousehold input, CountyNetwork network)
    {
        if (input.TownshipCode is null) v.Add("townshipCode", "is required.");
        if (input.StationId is null) { v.Add("stationId", "is required."); return null; }
        var station = network.FindStation(input.StationId);
        if (station is null) v.Add("stationId", "must be a station of the network.");
        else if (input.TownshipCode is not null && input.TownshipCode != station.TownshipCode)
            v.Add("townshipCode", "must be the township of the station.");
        return station;
    }
}
