namespace Lianhua.Commerce.Core.Network;

public sealed record NetworkDocument(CountyInfo County, IReadOnlyList<Hub> Hubs, IReadOnlyList<Station> Stations, IReadOnlyList<Link> Links);
