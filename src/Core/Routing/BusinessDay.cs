using System.Globalization;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>
/// The China business day. China Standard Time is UTC+8 all year (no DST), so a fixed offset is
/// exact and avoids depending on the host's time-zone database.
/// </summary>
public static class BusinessDay
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China calendar day of an instant, whatever offset the instant carries.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant (UTC) a business day begins: 16:00Z of the previous calendar day.</summary>
    public static DateTimeOffset StartUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The contract's date format, <c>yyyy-MM-dd</c>.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads the contract's <c>yyyy-MM-dd</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
