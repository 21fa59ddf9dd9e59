using System.Globalization;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// The 18-character citizen identity number of GB 11643-1999: a 6-digit region, an 8-digit birth date, a 3-digit sequence
/// and a check character (ISO 7064 MOD 11-2). Personal data: never log it, never put it in a key, a message or an answer.
/// </summary>
public static class NationalId
{
    public const int Length = 18;
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Surrounding spaces removed and a lower-case x made upper-case: the one form that is encrypted and indexed.</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>Why a normalised number is not valid, or null when it is. The message never repeats the number.</summary>
    public static string? Problem(string normalized, DateOnly today)
    {
        if (normalized.Length != Length || !normalized[..17].All(char.IsAsciiDigit) || !"0123456789X".Contains(normalized[17]))
            return "must be 18 characters: 17 digits and a check character (0–9 or X).";
        if (!DateOnly.TryParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || born.Year < 1900 || born > today)
            return "must carry a real birth date (characters 7–14, yyyyMMdd).";
        return CheckCharacter(normalized) == normalized[17] ? null : "has a wrong check character (GB 11643-1999).";
    }

    /// <summary>The last four characters: all of the number an answer may show.</summary>
    public static string Last4(string normalized) => normalized[^4..];
}
