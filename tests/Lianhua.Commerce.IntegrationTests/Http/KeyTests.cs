using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

public sealed class KeyTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Health_WhenStorageAnswers_IsOkWithoutKey()
    {
        var health = await host.Client().Get("health");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("ok", health.Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateKey_ForStation_ReturnsKeyOnceAndKeyWorks()
    {
        var issued = await host.County().Post("keys", new { role = "station", scopeId = TestData.StationA });
        Assert.Equal(HttpStatusCode.Created, issued.Status);
        Assert.Equal("station", issued.Json["role"]!.GetValue<string>());
        Assert.Equal(TestData.StationA, issued.Json["scopeId"]!.GetValue<string>());
        var station = host.Client(issued.Json["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await station.Get("network")).Status);
    }

    [Fact]
    public async Task RevokedKey_StopsWorkingAtOnce()
    {
        var issued = await host.County().Post("keys", new { role = "hub", scopeId = TestData.HubA });
        var hub = host.Client(issued.Json["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await hub.Get("network")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await host.County().Delete($"keys/{issued.Json["keyId"]}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Get("network")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.County().Delete($"keys/{issued.Json["keyId"]}")).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("lh_0123456789abcdef_0000")]
    public async Task UnknownOrMissingKey_Is401Problem(string? key)
    {
        var response = await host.Client(key).Get("network");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(401, response.Json["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task StationCallingCountyEndpoint_Is403AndCreatesNothing()
    {
        var station = await TestData.StationKey(host, TestData.StationA);
        var response = await station.Post("keys", new { role = "county" });
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.Put("network", new { })).Status);
    }

    [Theory]
    [InlineData("station", "no-such-station")]
    [InlineData("station", null)]
    [InlineData("hub", "st-360321101-01")]
    [InlineData("mayor", "x")]
    public async Task CreateKey_WithBadRoleOrScope_Is400(string role, string? scopeId)
    {
        var response = await host.County().Post("keys", new { role, scopeId });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotNull(response.Json["errors"]);
    }
}
