using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using static Lianhua.Commerce.Core.Tests.Routing.Routes;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class PathFinderTests
{
    [Fact]
    public void Find_AcrossTwoTownships_GoesThroughBothHubsAndTheWarehouse()
    {
        var path = PathFinder.Find(Shipped, LukouA, LiangfangA);
        Assert.Equal([LukouA, LukouHub, Warehouse, LiangfangHub, LiangfangA], path.Nodes);
        Assert.Equal([1, 2, 3, 4], path.Legs.Select(l => l.Seq));
        Assert.Equal([300_000L, 2_000_000, 2_000_000, 300_000], path.Legs.Select(l => l.CapacityGrams));
        Assert.Equal(300_000, path.MaxShipmentGrams);
    }

    [Fact]
    public void Find_InsideOneTownship_GoesThroughTheTownshipHubOnly()
    {
        var path = PathFinder.Find(Shipped, LukouA, LukouB);
        Assert.Equal([new Leg(1, LukouA, LukouHub, 300_000), new Leg(2, LukouHub, LukouB, 300_000)], path.Legs);
        Assert.False(path.IsOnPath(Warehouse));
        Assert.True(path.IsOnPath(LukouHub));
    }

    [Fact]
    public void Find_SameStation_HasNoLegs()
    {
        var path = PathFinder.Find(Shipped, LukouA, LukouA);
        Assert.Empty(path.Legs);
        Assert.Equal([LukouA], path.Nodes);
        Assert.Null(path.MaxShipmentGrams);
    }

    [Fact]
    public void Find_EveryPairOfTheShippedNetwork_UsesOnlyExistingLinks()
    {
        var stations = Shipped.Document.Stations;
        foreach (var origin in stations)
            foreach (var destination in stations)
            {
                var path = PathFinder.Find(Shipped, origin.Id, destination.Id);
                Assert.All(path.Legs, l => Assert.NotNull(Shipped.FindLink(l.From, l.To)));
                Assert.Equal(destination.Id, path.Nodes[^1]);
            }
    }

    [Fact]
    public void Find_UnknownStationOrAHub_IsRejectedNamingTheField()
    {
        var e = Assert.Throws<ValidationFailedException>(() => PathFinder.Find(Shipped, "st-nowhere", LukouHub));
        Assert.Contains("originStationId", e.Errors.Keys);
        Assert.Contains("destinationStationId", e.Errors.Keys);
    }
}
