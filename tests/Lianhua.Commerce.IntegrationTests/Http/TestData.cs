using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

public static class TestData
{
    // Two stations of 路口镇 and one of 六市乡 from the shipped network.
    public const string StationA = "st-360321101-01";
    public const string StationA2 = "st-360321101-02";
    public const string StationB = "st-360321204-01";
    public const string TownshipA = "360321101";
    public const string HubA = "hub-360321101";

    public static object Listing(string title = "莲花白莲 500g", long priceFen = 4550, long stock = 30, string category = "lotus-seed") => new
    {
        title, category, unit = "bag", unitWeightGrams = 500, priceFen, stock, producers = Array.Empty<object>(),
    };

    public static async Task<JsonNode> CreateListing(Api station, object? listing = null)
    {
        var created = await station.Post("listings", listing ?? Listing());
        Assert.True(created.Status == System.Net.HttpStatusCode.Created, created.ToString());
        return created.Json;
    }
}
