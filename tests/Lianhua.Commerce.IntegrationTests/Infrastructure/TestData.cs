using System.Text.Json.Nodes;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

public static class TestData
{
    // Two stations of 路口镇 and one of 六市乡 from the shipped network.
    public const string StationA = "st-360321101-01";
    public const string StationA2 = "st-360321101-02";
    public const string StationB = "st-360321204-01";
    public const string TownshipA = "360321101";
    public const string HubA = "hub-360321101";

    /// <summary>POST /listings as <paramref name="station"/> (the default listing unless given); the created listing.</summary>
    public static async Task<JsonNode> CreateListing(Api station, ListingBody? listing = null)
    {
        var created = await station.Post("listings", listing ?? Bodies.Listing());
        Assert.True(created.Status == System.Net.HttpStatusCode.Created, created.ToString());
        return created.Json;
    }

    /// <summary>
    /// The cast of most orders: a seller station's key, a buyer station's key (each new) and a listing of the seller's.
    /// </summary>
    public static async Task<(Api Seller, Api Buyer, string ListingId)> SellerBuyerAndListing(LocalHostFixture host, ListingBody listing,
        string seller = StationA, string buyer = StationB)
    {
        var sellerKey = await Keys.Of(host, seller);
        var buyerKey = await Keys.Of(host, buyer);
        return (sellerKey, buyerKey, await NewListingId(sellerKey, listing));
    }

    /// <summary>As <see cref="CreateListing"/>: the created listing's id.</summary>
    public static async Task<string> NewListingId(Api station, ListingBody? listing = null) =>
        (await CreateListing(station, listing))["id"]!.GetValue<string>();
}
