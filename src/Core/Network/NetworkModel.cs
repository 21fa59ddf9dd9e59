namespace Lianhua.Commerce.Core.Network;

public sealed record CountyInfo(string Code, string Name);

public sealed record Hub(string Id, string Name, string Kind, string? TownshipCode, string? TownshipName = null)
{
    public const string CountyKind = "county";
    public const string TownshipKind = "township";
}

public sealed record Station(string Id, string Name, string Village, string TownshipCode, string HubId)
{
    /// <summary>
    /// A station's orders are <c>{stationId}-{27 characters}</c> and their shipments add <c>-{nn}</c>; ids are at most 64
    /// characters, so a longer station id could place no order that can be read or routed.
    /// </summary>
    public const int MaxIdLength = 64 - 1 - Orders.OrderId.SuffixLength - 3;

    /// <summary>Listing ids are <c>{townshipCode}-{32 hex}</c>, at most 64 characters.</summary>
    public const int MaxTownshipCodeLength = 64 - 1 - 32;
}

/// <summary>A link serves both directions; each direction has runs of its own.</summary>
public sealed record Link(string From, string To, long CapacityGrams);

public sealed record NetworkDocument(CountyInfo County, IReadOnlyList<Hub> Hubs, IReadOnlyList<Station> Stations, IReadOnlyList<Link> Links);
