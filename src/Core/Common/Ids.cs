using System.Security.Cryptography;

namespace Lianhua.Commerce.Core.Common;

public static class Ids
{
    /// <summary>Time-ordered, URL-safe, 32 hex characters: sorts by creation time.</summary>
    public static string NewTimeOrdered() => Guid.CreateVersion7().ToString("N");

    /// <summary>128 random bits, URL-safe.</summary>
    public static string NewRandom() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsSafe(string? id, int maxLength = 64) =>
        !string.IsNullOrEmpty(id) && id.Length <= maxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
