using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Tests.Attribution;

public sealed class LedgerPostingsTests
{
    private const string Station = "st-360321101-01";
    private const string Code = "042917";
    private static readonly Dictionary<string, HouseholdProfile> Households = new()
    {
        ["hh-a"] = new("hh-a", "360321101", "路口村", "县商务局"),
        ["hh-b"] = new("hh-b", "360321101", "路口村", "县农业农村局"),
    };

    /// <summary>A same-station order (ready for pickup once routed) of two lines: lotus seed by two households, rice by none.</summary>
    private static Order DeliveredOrder(DateTimeOffset pickupAt)
    {
        var id = OrderId.New(Station, pickupAt.AddDays(-1));
        var lines = new List<OrderLine>
        {
            new("360321101-aaaa", "白莲 500g", 3, 4550, 13650, Station, "360321101", "lotus-seed", 500, [new("hh-a", 6000), new("hh-b", 3000)]),
            new("360321101-bbbb", "大米 5kg", 1, 6000, 6000, Station, "360321101", "rice", 5000),
        };
        var order = Order.Place(id, Station, lines, "cod", Code, pickupAt.AddDays(-1), new Recipient("王芳", "13907990000"));
        order.Route(order.Drafts().Select(d => Shipment.Create(d, [], Code)).ToList(), pickupAt.AddDays(-1));
        Assert.True(order.Scan(order.Shipments[0], ScanEvent.Pickup, Station, Code, pickupAt).Succeeded);
        return order;
    }

    [Fact]
    public void Delivery_SplitsEachLineByTheProducersTheOrderKept_DatedByThePickupInChinaTime()
    {
        // 16:30 UTC is already the next day in China.
        var order = DeliveredOrder(new DateTimeOffset(2026, 11, 28, 16, 30, 0, TimeSpan.Zero));
        var work = Assert.Single(order.LedgerWork);
        var posting = LedgerPostings.For(order, work, Households);

        Assert.Equal(new DateOnly(2026, 11, 29), posting.Day);
        Assert.True(posting.CompletesOrder);
        Assert.Equal(order.TotalFen, posting.OrderTotalFen);
        Assert.Equal([("hh-a", 8190L), ("hh-b", 4095L)], posting.Entries.Select(e => (e.HouseholdId, e.AmountFen)));
        Assert.All(posting.Entries, e => Assert.Equal((LedgerEntry.Sale, "路口村", "lotus-seed", posting.Day), (e.Kind, e.Village, e.Category, e.Day)));
        Assert.Equal([1365L, 6000L], posting.Lines.Select(l => l.RestFen));
        Assert.All(posting.Lines, l => Assert.Equal(l.AmountFen, l.Households.Sum(h => h.AmountFen) + l.RestFen));
    }

    [Fact]
    public void Refund_ReversesTheRefundedUnitsBySameShares_OnTheRefundDay_AndNeverMoreThanDelivered()
    {
        var order = DeliveredOrder(new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero));
        var refund = order.Refund([new("360321101-aaaa", 1)], "坏了一袋", new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        var posting = LedgerPostings.For(order, order.LedgerWork[^1], Households);

        Assert.Equal(4550, refund.AmountFen);
        Assert.Equal(new DateOnly(2026, 12, 2), posting.Day);
        Assert.Equal([("hh-a", 2730L, LedgerEntry.Reversal), ("hh-b", 1365L, LedgerEntry.Reversal)],
            posting.Entries.Select(e => (e.HouseholdId, e.AmountFen, e.Kind)));
        Assert.Throws<Common.ConflictException>(() => order.Refund([new("360321101-aaaa", 3)], "again", DateTimeOffset.UtcNow));
        Assert.Equal(2, order.RefundableQuantity(order.Lines[0]));
    }

    [Fact]
    public void Refund_OfAnOrderNotDelivered_IsAConflict()
    {
        var id = OrderId.New(Station, DateTimeOffset.UtcNow);
        var order = Order.Place(id, Station, [new("360321101-aaaa", "白莲", 1, 100, 100, Station, "360321101", "lotus-seed", 500)], "cod", Code,
            DateTimeOffset.UtcNow, new Recipient("王芳", "13907990000"));
        Assert.Throws<Common.ConflictException>(() => order.Refund([new("360321101-aaaa", 1)], "未到货", DateTimeOffset.UtcNow));
        Assert.Empty(order.Refunds);
    }

    [Fact]
    public void Delivery_OfAnUnregisteredProducer_IsUnattributable()
    {
        var order = DeliveredOrder(DateTimeOffset.UtcNow);
        var e = Assert.Throws<UnattributableException>(() => LedgerPostings.For(order, order.LedgerWork[0], new Dictionary<string, HouseholdProfile>()));
        Assert.Contains("hh-a", e.Message);
    }

    [Fact]
    public void Delivery_OfAShipmentNotDelivered_IsUnattributable()
    {
        var order = DeliveredOrder(DateTimeOffset.UtcNow);
        Assert.Throws<UnattributableException>(() =>
            LedgerPostings.For(order, new LedgerWork(LedgerWork.Delivery, order.Id, order.Id + "-09", DateTimeOffset.UtcNow), Households));
    }
}
