using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

public sealed class ListingTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task CreateListing_ByStation_IsStoredWithOriginFromTheKey()
    {
        var station = await Keys.Of(host, TestData.StationA);
        var created = await station.Post("listings", Bodies.Listing());
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.NotNull(created.Header("ETag"));
        Assert.Equal(TestData.StationA, created.Json["stationId"]!.GetValue<string>());
        Assert.Equal(TestData.TownshipA, created.Json["townshipCode"]!.GetValue<string>());
        Assert.Equal(4550, created.Json["priceFen"]!.GetValue<long>());

        var other = await Keys.Of(host, TestData.StationB);
        var read = await other.Get($"listings/{created.Json["id"]}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("莲花白莲 500g", read.Json["title"]!.GetValue<string>());
        Assert.Equal(created.Header("ETag"), read.Header("ETag"));
    }

    [Fact]
    public async Task ListListings_FiltersByStationTownshipAndCategory_AndPagesToTheEnd()
    {
        var a2 = await Keys.Of(host, TestData.StationA2);
        for (var i = 0; i < 5; i++) await TestData.CreateListing(a2, Bodies.Listing($"茶油 {i}", category: "camellia-oil"));
        await TestData.CreateListing(a2, Bodies.Listing("大米", category: "rice"));

        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var path = $"listings?stationId={TestData.StationA2}&category=camellia-oil&pageSize=2" + (token is null ? "" : $"&continuationToken={token}");
            var page = await a2.Get(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(page.Json["items"]!.AsArray().Count <= 2);
            ids.AddRange(page.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            token = page.Json["continuationToken"]?.GetValue<string>();
            Assert.True(++pages < 10, "paging did not end");
        } while (token is not null);
        Assert.Equal(5, ids.Distinct().Count());

        var township = await a2.Get($"listings?townshipCode={TestData.TownshipA}&pageSize=100");
        Assert.Contains(township.Json["items"]!.AsArray(), i => i!["category"]!.GetValue<string>() == "rice");
        var elsewhere = await a2.Get("listings?townshipCode=360321204");
        Assert.DoesNotContain(elsewhere.Json["items"]!.AsArray(), i => i!["stationId"]!.GetValue<string>() == TestData.StationA2);
    }

    [Theory]
    [InlineData("x' or '1' eq '1")]
    [InlineData("rice' or Category ne '")]
    [InlineData("') or (PartitionKey ne '")]
    public async Task ListListings_WithODataInQuery_MatchesNothingAndFails_Nothing(string evil)
    {
        var station = await Keys.Of(host, TestData.StationA);
        await TestData.CreateListing(station);
        foreach (var name in new[] { "category", "townshipCode", "stationId" })
        {
            var response = await station.Get($"listings?{name}={Uri.EscapeDataString(evil)}");
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Empty(response.Json["items"]!.AsArray());
        }
    }

    [Fact]
    public async Task PatchListing_WithCurrentETag_UpdatesAndReturnsNewETag_StaleETagIs412()
    {
        var station = await Keys.Of(host, TestData.StationA);
        var created = await station.Post("listings", Bodies.Listing());
        var id = created.Json["id"]!.GetValue<string>();
        var etag = created.Header("ETag")!;

        var patched = await station.Patch($"listings/{id}", new { priceFen = 4300, stock = 12 }, Headers.IfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(4300, patched.Json["priceFen"]!.GetValue<long>());
        Assert.Equal(12, patched.Json["stock"]!.GetValue<long>());
        Assert.NotEqual(etag, patched.Header("ETag"));

        var stale = await station.Patch($"listings/{id}", new { priceFen = 1 }, Headers.IfMatch(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        var any = await station.Patch($"listings/{id}", new { title = "新标题" }, Headers.IfMatch());
        Assert.Equal(HttpStatusCode.OK, any.Status);
        var read = await station.Get($"listings/{id}");
        Assert.Equal(4300, read.Json["priceFen"]!.GetValue<long>());
        Assert.Equal("新标题", read.Json["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task PatchListing_WithoutIfMatch_Is428_ByOtherStation_Is404_ByCounty_Works()
    {
        var owner = await Keys.Of(host, TestData.StationA);
        var other = await Keys.Of(host, TestData.StationB);
        var created = await owner.Post("listings", Bodies.Listing());
        var id = created.Json["id"]!.GetValue<string>();
        var withoutIfMatch = await owner.Patch($"listings/{id}", new { priceFen = 1 });
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.Status);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-3", withoutIfMatch.Json["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Patch($"listings/{id}", new { priceFen = 1 }, Headers.IfMatch())).Status);
        Assert.Equal(HttpStatusCode.OK,
            (await host.County().Patch($"listings/{id}", new { stock = 0 }, Headers.IfMatch())).Status);
        Assert.Equal(4550, (await owner.Get($"listings/{id}")).Json["priceFen"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("does-not-exist")]
    [InlineData("360321101-0000000000000000000000000000abcd")]
    public async Task GetListing_Unknown_Is404Problem(string id)
    {
        var response = await host.County().Get($"listings/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task CreateListing_ByHubOrCounty_Is403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await host.County().Post("listings", Bodies.Listing())).Status);
    }
}
