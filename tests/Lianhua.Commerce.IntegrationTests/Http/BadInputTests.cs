using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Every bad input answers a problem detail and stores nothing.</summary>
public sealed class BadInputTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Station = "st-360321102-03";

    public static TheoryData<string, string> BadListings => new()
    {
        { "{\"title\": ", "body" },
        { "[1,2,3]", "body" },
        { Bodies.ListingJson(priceFen: "\"cheap\""), "priceFen" },
        { Bodies.ListingJson(priceFen: "10.5"), "priceFen" },
        { Bodies.ListingJson(title: null), "title" },
        { Bodies.ListingJson(priceFen: "0"), "priceFen" },
        { Bodies.ListingJson(priceFen: "-5"), "priceFen" },
        { Bodies.ListingJson(stock: "-1"), "stock" },
        { Bodies.ListingJson(unitWeightGrams: "0"), "unitWeightGrams" },
        { Bodies.ListingJson(unitWeightGrams: "-3"), "unitWeightGrams" },
        { Bodies.ListingJson(title: new string('莲', 201), unitWeightGrams: "5"), "title" },
        { Bodies.ListingJson(unitWeightGrams: "5", producers: """[{"householdId":"h1","shareBp":-1}]"""), "producers[0].shareBp" },
        { Bodies.ListingJson(unitWeightGrams: "5", producers: """[{"householdId":"h1","shareBp":6000},{"householdId":"h2","shareBp":5000}]"""), "producers" },
        { Bodies.ListingJson(category: "Rice Bags", unitWeightGrams: "5"), "category" },
    };

    [Theory]
    [MemberData(nameof(BadListings))]
    public async Task CreateListing_WithBadInput_Is400NamingTheField_AndStoresNothing(string body, string field)
    {
        var station = await Keys.Of(host, Station);
        var before = await Count(station);
        var response = await station.SendRaw(HttpMethod.Post, "listings", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, response.Json["status"]!.GetValue<int>());
        if (field != "body") Assert.NotNull(response.Json["errors"]![field]);
        Assert.DoesNotContain("   at ", response.Raw);
        Assert.Equal(before, await Count(station));
    }

    [Fact]
    public async Task CreateListing_WithBodyOver64KiB_Is413_AndStoresNothing()
    {
        var station = await Keys.Of(host, Station);
        var before = await Count(station);
        var body = Bodies.ListingJson(unitWeightGrams: "5", more: "\"pad\":\"" + new string('a', 70_000) + "\"");
        var response = await station.SendRaw(HttpMethod.Post, "listings", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(before, await Count(station));
    }

    [Fact]
    public async Task UnknownJsonFields_AreIgnored()
    {
        var station = await Keys.Of(host, Station);
        var body = Bodies.ListingJson(unitWeightGrams: "5", more: "\"stationId\":\"st-360321204-01\",\"id\":\"mine\"");
        var response = await station.SendRaw(HttpMethod.Post, "listings", body);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(Station, response.Json["stationId"]!.GetValue<string>());
        Assert.NotEqual("mine", response.Json["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"priceFen\":0}")]
    [InlineData("{\"stock\":-1}")]
    [InlineData("{\"title\":\"\"}")]
    [InlineData("{}")]
    [InlineData("{\"priceFen\":")]
    public async Task PatchListing_WithBadInput_Is400_AndChangesNothing(string body)
    {
        var station = await Keys.Of(host, Station);
        var listing = await TestData.CreateListing(station);
        var response = await station.SendRaw(HttpMethod.Patch, $"listings/{listing["id"]}", body, Headers.IfMatch());
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var read = await station.Get($"listings/{listing["id"]}");
        Assert.Equal(listing["priceFen"]!.GetValue<long>(), read.Json["priceFen"]!.GetValue<long>());
        Assert.Equal(listing["stock"]!.GetValue<long>(), read.Json["stock"]!.GetValue<long>());
        Assert.Equal(listing["title"]!.GetValue<string>(), read.Json["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("many")]
    public async Task ListListings_WithBadPageSize_Is400(string pageSize)
    {
        var response = await host.County().Get($"listings?pageSize={pageSize}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task ListListings_WithForgedContinuationToken_Is400()
    {
        var response = await host.County().Get("listings?continuationToken=%21%21not-ours");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task ListListings_PageSizeOver100_IsClamped()
    {
        var response = await host.County().Get("listings?pageSize=5000");
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    private static async Task<int> Count(Api station)
    {
        var page = await station.Get($"listings?stationId={Station}&pageSize=100");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Json["items"]!.AsArray().Count;
    }
}
