namespace Lianhua.Commerce.Core.Network;

public sealed record CountyInfo(string Code, string Name);

public sealed record Hub(string Id, string Name, string Kind, string? TownshipCode, string? TownshipName = null)
{
    public const string CountyKind = "county";
    public const string TownshipKind = "township";
}

public sealed record Station(string Id, string Name, string Village, string TownshipCode, string HubId);

/// <summary>A link serves both directions; each direction has runs of its own.</summary>
public sealed record Link(string From, string To, long CapacityGrams);

public sealed record NetworkDocument(CountyInfo County, IReadOnlyList<Hub> Hubs, IReadOnlyList<Station> Stations, IReadOnlyList<Link> Links);
