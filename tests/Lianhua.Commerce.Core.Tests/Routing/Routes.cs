using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Tests.Routing;

/// <summary>Shared fixtures: the shipped network and well-known nodes in two townships (路口镇 101, 良坊镇 102).</summary>
internal static class Routes
{
    public const string LukouA = "st-360321101-01";
    public const string LukouB = "st-360321101-02";
    public const string LukouHub = "hub-360321101";
    public const string Warehouse = "wh-360321";
    public const string LiangfangHub = "hub-360321102";
    public const string LiangfangA = "st-360321102-01";
    public const string Code = "042917";

    public static readonly CountyNetwork Shipped = CountyNetwork.Create(NetworkService.LoadShipped());

    public static readonly DateOnly Day = new(2026, 11, 28);
    public static readonly DateTimeOffset At = new(2026, 11, 28, 4, 5, 6, TimeSpan.Zero);

    /// <summary>A booked shipment from <paramref name="origin"/> to <paramref name="destination"/>, all legs on <see cref="Day"/>.</summary>
    public static Shipment BookedShipment(string origin = LukouA, string destination = LiangfangA, long weight = 1_000)
    {
        var path = PathFinder.Find(Shipped, origin, destination);
        var draft = new ShipmentDraft("order1-01", "order1", origin, destination, weight, [new ShipmentLine("listing1", 1, weight)]);
        var bookings = path.Legs.Select(l => new LegBooking(l, RunKey.For(l, Day))).ToList();
        return Shipment.Create(draft, bookings, Code);
    }
}
