using Lianhua.Commerce.Core.Orders;
using static Lianhua.Commerce.Core.Routing.ShipmentStatus;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class OrderStatusRollupTests
{
    [Theory]
    [InlineData(Routed, Routed)]
    [InlineData(Routed + "," + Routed, Routed)]
    [InlineData(Routed + "," + InTransit, InTransit)]
    [InlineData(Routed + "," + ReadyForPickup, InTransit)]
    [InlineData(Delivered + "," + Routed, InTransit)]
    [InlineData(ReadyForPickup + "," + InTransit, InTransit)]
    [InlineData(ReadyForPickup, ReadyForPickup)]
    [InlineData(ReadyForPickup + "," + Delivered, ReadyForPickup)]
    [InlineData(Delivered + "," + Delivered, Delivered)]
    [InlineData(Cancelled + "," + Cancelled, Cancelled)]
    [InlineData(Cancelled + "," + Delivered, Delivered)]
    public void Of_RollsShipmentStatusesUpToTheOrder(string shipments, string expected) =>
        Assert.Equal(expected, OrderStatus.RollUp(shipments.Split(',')));

    [Fact]
    public void Of_NoShipments_IsABug() => Assert.Throws<ArgumentException>(() => OrderStatus.RollUp([]));
}
