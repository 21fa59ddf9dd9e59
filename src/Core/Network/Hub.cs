namespace Lianhua.Commerce.Core.Network;

public sealed record Hub(string Id, string Name, string Kind, string? TownshipCode, string? TownshipName = null)
{
    public const string CountyKind = "county";
    public const string TownshipKind = "township";
}
