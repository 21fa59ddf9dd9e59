namespace Lianhua.Commerce.Core.Common;

public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 100;

    /// <summary>Contract: 1–100, default 50, larger values clamped to 100; below 1 is a client error.</summary>
    public static int Size(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return DefaultSize;
        if (int.TryParse(raw, out var size) && size >= 1) return Math.Min(size, MaxSize);
        // A whole number too large for an int is still just "larger": clamped like the rest.
        if (raw.All(char.IsAsciiDigit) && raw.Any(c => c != '0')) return MaxSize;
        throw ValidationFailedException.For("pageSize", "must be a whole number from 1 to 100.");
    }
}
