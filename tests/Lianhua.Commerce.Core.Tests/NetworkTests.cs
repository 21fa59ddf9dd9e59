using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;

namespace Lianhua.Commerce.Core.Tests;

public sealed class NetworkTests
{
    [Fact]
    public void ShippedNetwork_IsValid_WithLianhuasShape()
    {
        var network = CountyNetwork.Create(NetworkService.LoadShipped());
        Assert.Equal("360321", network.CountyCode);
        Assert.Equal(167, network.Document.Stations.Count);
        Assert.Equal(14, network.Document.Hubs.Count(h => h.Kind == Hub.TownshipKind));
        Assert.Equal("wh-360321", network.Warehouse.Id);
        Assert.NotEqual(network.Warehouse.Id, network.Document.Hubs.Single(h => h.TownshipName == "琴亭镇").Id);
        Assert.Equal(13, network.Document.Stations.Count(s => s.TownshipCode == "360321101"));
        Assert.Equal(300_000, network.FindLink("st-360321101-01", "hub-360321101")!.CapacityGrams);
        Assert.Equal(2_000_000, network.FindLink("wh-360321", "hub-360321101")!.CapacityGrams);
    }

    [Fact]
    public void Create_StationWithoutLinkToItsHub_IsRejected()
    {
        var shipped = NetworkService.LoadShipped();
        var broken = shipped with { Links = shipped.Links.Where(l => l.From != "st-360321101-01").ToList() };
        var e = Assert.Throws<ValidationFailedException>(() => CountyNetwork.Create(broken));
        Assert.Contains(e.Errors, kv => kv.Value.Any(m => m.Contains("hub-360321101")));
    }

    [Fact]
    public void Create_TwoWarehouses_DuplicateIds_AndUnknownLinkEnds_AreRejected()
    {
        var shipped = NetworkService.LoadShipped();
        Assert.Throws<ValidationFailedException>(() => CountyNetwork.Create(shipped with { Hubs = [.. shipped.Hubs, shipped.Hubs[0] with { Id = "wh-2" }] }));
        Assert.Throws<ValidationFailedException>(() => CountyNetwork.Create(shipped with { Stations = [.. shipped.Stations, shipped.Stations[0]] }));
        Assert.Throws<ValidationFailedException>(() => CountyNetwork.Create(shipped with { Links = [.. shipped.Links, new Link("nowhere", "wh-360321", 10)] }));
        Assert.Throws<ValidationFailedException>(() => CountyNetwork.Create(shipped with { Links = [.. shipped.Links, new Link("st-360321101-01", "hub-360321101", 10)] }));
    }
}
