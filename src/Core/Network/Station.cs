namespace Lianhua.Commerce.Core.Network;

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
