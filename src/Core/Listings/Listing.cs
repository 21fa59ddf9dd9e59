using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Listings;

/// <summary>A station's produce on offer. <see cref="Stock"/> is what can still be ordered.</summary>
public sealed record Listing(
    string Id, string StationId, string TownshipCode, string Title, string Category, string Unit,
    long UnitWeightGrams, long PriceFen, long Stock, IReadOnlyList<Producer> Producers)
{
    public const int MaxProducers = 10;
    public const long MaxStock = 1_000_000;

    /// <summary>Ids carry their partition (the township code) so a read by id is a point read.</summary>
    public static string NewId(string townshipCode) => $"{townshipCode}-{Ids.NewTimeOrdered()}";

    public static string? TownshipOf(string? id)
    {
        if (!Ids.IsSafe(id)) return null;
        var dash = id!.IndexOf('-');
        return dash > 0 && id[..dash].All(char.IsAsciiDigit) && id.Length - dash - 1 == 32 ? id[..dash] : null;
    }

    public static string? Slug(string? value) =>
        value is { Length: > 0 } && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && value[0] != '-' && value[^1] != '-' ? value : null;
}
