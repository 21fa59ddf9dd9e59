using System.Security.Cryptography;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// Household ids are <c>{countyCode}-{stationId}-h{16 hex}</c> (at most 6 + 1 + 33 + 18 = 58 characters): they carry the
/// partition (the county) and the station of the row, so a read by id is one point read, whatever the network says now.
/// </summary>
public static class HouseholdId
{
    private const int SuffixLength = 18; // "-h" and 16 hex

    public static string New(string countyCode, string stationId) =>
        $"{countyCode}-{stationId}-h{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    /// <summary>The county and station an id names; null for anything that is not a household id.</summary>
    public static (string CountyCode, string StationId)? Parse(string? id)
    {
        if (!Ids.IsSafe(id) || id!.Length < 6 + 1 + 1 + SuffixLength) return null;
        var county = id[..6];
        var station = id[7..^SuffixLength];
        var suffix = id[^SuffixLength..];
        return county.All(char.IsAsciiDigit) && id[6] == '-' && suffix.StartsWith("-h", StringComparison.Ordinal)
               && suffix[2..].All(char.IsAsciiHexDigitLower)
            ? (county, station)
            : null;
    }
}
