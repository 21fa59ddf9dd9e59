using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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
        var issued = await Keys.Issue(host.County(), TestData.HubA);
        var hub = issued.Api;
        Assert.Equal(HttpStatusCode.OK, (await hub.Get("network")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await host.County().Delete($"keys/{issued.KeyId}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Get("network")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.County().Delete($"keys/{issued.KeyId}")).Status);
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
        var station = await Keys.Of(host, TestData.StationA);
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

    /// <summary>A station key this instance knows (it placed an order with it), then revoked by another instance.</summary>
    private async Task<(Api Seller, Api Buyer, string ListingId)> KeyKnownHereRevokedElsewhere()
    {
        var seller = await Keys.Of(host, TestData.StationA);
        var listingId = await TestData.NewListingId(seller, Bodies.Listing(stock: 10));
        var issued = await Keys.Issue(host.County(), TestData.StationB);
        var buyer = issued.Api;
        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status); // this instance now knows the key

        // Another instance revokes it: this instance's copy of the key is untouched, only storage changes.
        var services = host.App.Services;
        var other = new Lianhua.Commerce.Core.Security.ApiKeyService(
            new Lianhua.Commerce.Core.Security.Storage.ApiKeyStore(services.GetRequiredService<Lianhua.Commerce.Core.Storage.CommerceStorage>()),
            services.GetRequiredService<Lianhua.Commerce.Core.Network.NetworkService>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Lianhua.Commerce.Core.Security.CommerceOptions>>(),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Lianhua.Commerce.Core.Security.ApiKeyService>.Instance);
        await other.RevokeAsync(new Lianhua.Commerce.Core.Security.Caller("test", Lianhua.Commerce.Core.Security.Role.County, null),
            issued.KeyId, default);
        return (seller, buyer, listingId);
    }

    [Fact]
    public async Task AStationKeyRevokedByAnotherInstance_PlacesNothing_EvenWhereThisInstanceKnewIt()
    {
        var (seller, buyer, listingId) = await KeyKnownHereRevokedElsewhere();

        var afterRevoke = await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await buyer.Post("orders", new { lines = Array.Empty<object>() }, Headers.Idempotency())).Status); // bad input too
        Assert.Equal(9, (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        var orders = await host.County().Get($"stations/{TestData.StationB}/orders?pageSize=100");
        Assert.Single(orders.Json["items"]!.AsArray(), o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId);
    }

    [Fact]
    public async Task AStationKeyRevokedByAnotherInstance_Answers401_BeforeSayingWhatElseIsWrongWithThePlacement()
    {
        var (_, buyer, listingId) = await KeyKnownHereRevokedElsewhere();

        Assert.Equal(HttpStatusCode.Unauthorized, (await buyer.Post("orders", Bodies.Order((listingId, 1)))).Status); // no Idempotency-Key: 401, not 400
    }

    [Fact]
    public async Task APlacementWithAKeyThisInstanceKnows_DoesNotReadTheKey()
    {
        var (_, buyer, listingId) = await TestData.SellerBuyerAndListing(host, Bodies.Listing(stock: 10));
        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status);

        // A rule that notes the next request to table ApiKeys (it holds it back 1 ms): the next placement makes none; a listing read does.
        host.Faults.Add(new("key read", m => m.Request.Uri.Path.Contains($"/{host.Prefix}ApiKeys"), AfterSend: false, Skip: 0, Stall: TimeSpan.FromMilliseconds(1)));
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status);
            Assert.Equal(1, host.Faults.Remaining);
            Assert.Equal(HttpStatusCode.OK, (await buyer.Get($"listings/{listingId}")).Status);
            Assert.Equal(0, host.Faults.Remaining);
        }
        finally
        {
            host.Faults.Clear();
        }
    }
}
