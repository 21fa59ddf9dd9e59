using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>Order ids carry the ordering station (their partition) and sort newest first within it.</summary>
public static class OrderId
{
    public const int SuffixLength = 27;

    public static string New(string stationId, DateTimeOffset now) => $"{stationId}-{Suffix(now)}";

    public static string Suffix(DateTimeOffset now) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";

    public static (string StationId, string Suffix)? Parse(string? id)
    {
        if (!Ids.IsSafe(id) || id!.Length < SuffixLength + 2 || id[^(SuffixLength + 1)] != '-') return null;
        var suffix = id[^SuffixLength..];
        return suffix[..19].All(char.IsAsciiDigit) ? (id[..^(SuffixLength + 1)], suffix) : null;
    }

    /// <summary>When the order id was made (its suffix counts down from the largest time).</summary>
    public static DateTimeOffset? TimeOf(string? id) =>
        Parse(id) is { } parsed && long.TryParse(parsed.Suffix[..19], out var inverted) && DateTimeOffset.MaxValue.UtcTicks - inverted is var ticks and >= 0
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
}
