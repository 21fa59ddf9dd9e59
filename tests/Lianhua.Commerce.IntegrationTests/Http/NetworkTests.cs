using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

public sealed class NetworkTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task ShippedNetwork_IsLoadedAtStart_WithWarehouseHubsAndStations()
    {
        var network = await host.County().Get("network");
        Assert.Equal(HttpStatusCode.OK, network.Status);
        Assert.Equal("360321", network.Json["county"]!["code"]!.GetValue<string>());
        var hubs = network.Json["hubs"]!.AsArray();
        Assert.Single(hubs, h => h!["kind"]!.GetValue<string>() == "county");
        Assert.Equal(14, hubs.Count(h => h!["kind"]!.GetValue<string>() == "township"));
        Assert.Equal(167, network.Json["stations"]!.AsArray().Count);
        Assert.Contains(network.Json["stations"]!.AsArray(), s => s!["village"]!.GetValue<string>() == "海潭村");
    }

    [Fact]
    public async Task PutNetwork_ByCounty_ReplacesIt_InvalidIs400AndChangesNothing()
    {
        var original = (await host.County().Get("network")).Json;
        var edited = JsonNode.Parse(original.ToJsonString())!;
        edited["links"]!.AsArray().First(l => l!["from"]!.GetValue<string>() == "st-360321101-01")!["capacityGrams"] = 123_000;
        var put = await host.County().Put("network", edited);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        var read = await host.County().Get("network");
        Assert.Equal(123_000, read.Json["links"]!.AsArray().First(l => l!["from"]!.GetValue<string>() == "st-360321101-01")!["capacityGrams"]!.GetValue<long>());

        var broken = JsonNode.Parse(read.Json.ToJsonString())!;
        broken["stations"]!.AsArray()[0]!["hubId"] = "hub-nowhere";
        var bad = await host.County().Put("network", broken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Json["errors"]!["stations[0].hubId"]);
        Assert.Equal(read.Json.ToJsonString(), (await host.County().Get("network")).Json.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, (await host.County().Put("network", original)).Status);
    }
}
