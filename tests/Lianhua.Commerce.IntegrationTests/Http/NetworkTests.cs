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

    [Theory]
    [InlineData("st-360321901-0123456789abcdefghij", "360321901", null)] // 33 characters: its shipment ids have 64
    [InlineData("st-360321901-0123456789abcdefghijk", "360321901", "stations[167].id")] // its order ids could not be read or routed
    [InlineData("st-long-" + "0123456789012345678901234567890123456789012345678901234", "360321901", "stations[167].id")]
    [InlineData("st-3603219-01", "3603219", null)]
    [InlineData("st-odd-01", "36032X", "hubs[15].townshipCode")] // no listing of it could be read by id
    [InlineData("st-slash-01", "360321/9", "hubs[15].townshipCode")] // not a PartitionKey
    [InlineData("st-other-01", "360399101", "hubs[15].townshipCode")] // another county: its listings would not be in the county's range
    [InlineData("st-long-01", "36032100000000000000000000000001", "hubs[15].townshipCode")] // listing ids over 64 characters
    public async Task PutNetwork_WithIdsItsOrdersOrListingsCouldNotUse_Is400_AndChangesNothing(string stationId, string townshipCode, string? error)
    {
        var original = (await host.County().Get("network")).Json;
        var edited = JsonNode.Parse(original.ToJsonString())!;
        var hubId = "hub-" + Guid.NewGuid().ToString("N")[..8];
        edited["hubs"]!.AsArray().Add(new JsonObject { ["id"] = hubId, ["name"] = "新镇", ["kind"] = "township", ["townshipCode"] = townshipCode });
        edited["stations"]!.AsArray().Add(new JsonObject
        {
            ["id"] = stationId, ["name"] = "新站", ["village"] = "新村", ["townshipCode"] = townshipCode, ["hubId"] = hubId,
        });
        edited["links"]!.AsArray().Add(new JsonObject { ["from"] = hubId, ["to"] = "wh-360321", ["capacityGrams"] = 2_000_000 });
        edited["links"]!.AsArray().Add(new JsonObject { ["from"] = stationId, ["to"] = hubId, ["capacityGrams"] = 300_000 });

        var put = await host.County().Put("network", edited);
        try
        {
            if (error is null)
            {
                Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
                return;
            }
            Assert.True(put.Status == HttpStatusCode.BadRequest, put.ToString());
            Assert.NotNull(put.Json["errors"]![error]);
            Assert.Equal(original.ToJsonString(), (await host.County().Get("network")).Json.ToJsonString());
        }
        finally
        {
            if (put.Status == HttpStatusCode.OK) Assert.Equal(HttpStatusCode.OK, (await host.County().Put("network", original)).Status);
        }
    }
}
