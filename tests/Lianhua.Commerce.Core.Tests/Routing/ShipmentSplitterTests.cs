using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using static Lianhua.Commerce.Core.Tests.Routing.Routes;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class ShipmentSplitterTests
{
    private static readonly OrderLineToShip[] TwoOrigins =
    [
        new("oil", LiangfangA, 2, 1_800),
        new("lotus", LukouA, 3, 500),
        new("rice", LiangfangA, 1, 5_000),
    ];

    [Fact]
    public void Split_LinesFromTwoStations_MakesOneShipmentPerStationWithSummedWeight()
    {
        var shipments = ShipmentSplitter.Split("order7", TwoOrigins, LukouB);
        Assert.Equal(2, shipments.Count);
        var lukou = Assert.Single(shipments, s => s.OriginStationId == LukouA);
        var liangfang = Assert.Single(shipments, s => s.OriginStationId == LiangfangA);
        Assert.Equal(1_500, lukou.WeightGrams);
        Assert.Equal(2 * 1_800 + 5_000, liangfang.WeightGrams);
        Assert.Equal(["oil", "rice"], liangfang.Lines.Select(l => l.ListingId));
        Assert.All(shipments, s => Assert.Equal(LukouB, s.DestinationStationId));
        Assert.All(shipments, s => Assert.Equal("order7", s.OrderId));
    }

    [Fact]
    public void Split_Replayed_OrInAnotherLineOrder_GivesTheSameSafeIds()
    {
        var first = ShipmentSplitter.Split("order7", TwoOrigins, LukouB).Select(s => (s.Id, s.OriginStationId)).ToList();
        var again = ShipmentSplitter.Split("order7", TwoOrigins.Reverse().ToList(), LukouB).Select(s => (s.Id, s.OriginStationId)).ToList();
        Assert.Equal(first, again);
        Assert.Equal(["order7-01", "order7-02"], first.Select(s => s.Id));
        Assert.All(first, s => Assert.True(Ids.IsSafe(s.Id)));
    }

    [Fact]
    public void Split_HeavyLines_SumInLongWithoutOverflow()
    {
        var shipment = Assert.Single(ShipmentSplitter.Split("o", [new("a", LukouA, 1_000_000, 1_000_000), new("b", LukouA, 1_000_000, 1_000_000)], LukouB));
        Assert.Equal(2_000_000_000_000L, shipment.WeightGrams);
    }

    [Fact]
    public void Split_InvalidInput_IsRejectedNamingTheFields()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            ShipmentSplitter.Split("order 7", [new("a", LukouA, 0, 1), new("b", "", 1, 0)], LukouB));
        Assert.Contains("orderId", e.Errors.Keys);
        Assert.Contains("lines[0].quantity", e.Errors.Keys);
        Assert.Contains("lines[1].originStationId", e.Errors.Keys);
        Assert.Contains("lines[1].unitWeightGrams", e.Errors.Keys);
        Assert.Contains("lines", Assert.Throws<ValidationFailedException>(() => ShipmentSplitter.Split("o", [], LukouB)).Errors.Keys);
    }

    [Fact]
    public void Split_OrderIdTooLongForShipmentIds_IsRejected()
    {
        var e = Assert.Throws<ValidationFailedException>(() => ShipmentSplitter.Split(new string('x', 62), TwoOrigins, LukouB));
        Assert.Contains("orderId", e.Errors.Keys);
    }
}
