using System.Security.Cryptography;
using System.Text;

namespace Lianhua.Commerce.Core.Routing;

public static class PickupCode
{
    public static string New() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Six ASCII digits. The HTTP layer rejects other shapes with 400 so a typo in format does not cost an attempt.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>Constant time, so response timing does not reveal how many leading digits were right.</summary>
    public static bool Matches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
}
