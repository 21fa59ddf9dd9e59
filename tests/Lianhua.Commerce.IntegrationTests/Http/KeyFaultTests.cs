using System.Net;
using Azure.Core;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Key creation and revocation interrupted at each storage step, and a revocation racing placements with the key: a key
/// works fully or not at all once its create or delete answered, and no placement with a revoked key commits.
/// </summary>
public sealed class KeyFaultTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly bool _noLeftoverFaults = host.ClearFaults();

    private readonly FaultFlow _flow = new(host);

    private Func<HttpMessage, bool> Insert(string table) => m =>
        m.Request.Method == RequestMethod.Post && m.Request.Uri.Path.EndsWith($"/{host.Prefix}{table}");

    private Func<HttpMessage, bool> Delete(string table) => m =>
        m.Request.Method == RequestMethod.Delete && m.Request.Uri.Path.Contains($"/{host.Prefix}{table}(");

    private async Task<int> OrdersOf(string listingId) =>
        (await host.County().Get($"stations/{TestData.StationB}/orders?pageSize=100")).Json["items"]!.AsArray()
            .Count(o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == listingId);

    [Theory]
    [InlineData("Orders", false)] // the fence row
    [InlineData("Orders", true)]
    [InlineData("ApiKeys", false)]
    [InlineData("ApiKeys", true)]
    public async Task KeyCreationInterrupted_Answers500_AndANewCreationGivesAWorkingKey(string table, bool responseLost)
    {
        host.Faults.Add(new($"{table} insert", Insert(table), responseLost, Skip: 0));
        var failed = await host.County().Post("keys", new { role = "station", scopeId = TestData.StationB });
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);

        var buyer = await Keys.Of(host, TestData.StationB);
        var listingId = await _flow.Listing(stock: 5);
        foreach (var _ in Enumerable.Range(0, 2)) // fresh, then from this instance's copy (through the fence)
            Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status);
    }

    [Theory]
    [InlineData("Orders", false)]
    [InlineData("Orders", true)]
    [InlineData("ApiKeys", false)]
    [InlineData("ApiKeys", true)]
    public async Task RevocationInterrupted_ARetryRevokes_AndTheKeyPlacesNothingAfter(string table, bool responseLost)
    {
        var (_, keyId, buyer) = await Keys.Issue(host.County(), TestData.StationB);
        var listingId = await _flow.Listing(stock: 5);
        Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status);

        host.Faults.Add(new($"{table} delete", Delete(table), responseLost, Skip: 0));
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.County().Delete($"keys/{keyId}")).Status);
        Assert.Equal(0, host.Faults.Remaining);
        host.Faults.Clear();
        var retry = await host.County().Delete($"keys/{keyId}");
        Assert.True(retry.Status is HttpStatusCode.NoContent or HttpStatusCode.NotFound, retry.ToString()); // 404: the first one did delete it

        Assert.Equal(HttpStatusCode.Unauthorized, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await buyer.Get("network")).Status);
        Assert.Equal(4, await _flow.Stock(listingId));
        Assert.Equal(1, await OrdersOf(listingId));
    }

    [Theory]
    [InlineData(true)]  // this instance placed with the key before: it authenticates the placement from its copy
    [InlineData(false)] // the placement reads the key itself
    public async Task RevocationWhileAPlacementIsOnItsWay_ThePlacementDoesNotCommit(bool usedBefore)
    {
        var (_, keyId, buyer) = await Keys.Issue(host.County(), TestData.StationB);
        var listingId = await _flow.Listing(stock: 5);
        if (usedBefore) Assert.Equal(HttpStatusCode.Created, (await buyer.Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency())).Status);
        var held = usedBefore ? 1 : 0;

        // The placement has authenticated and reserved; its commit is held back while the county revokes the key.
        host.Faults.Add(new("slow commit", FaultFlow.Batch($"{host.Prefix}Orders"), AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(2)));
        var placing = buyer.Post("orders", Bodies.Order((listingId, 2)), Headers.Idempotency());
        await Eventually.True(() => host.Faults.Remaining == 0, 10, "the placement never got to its commit");
        Assert.Equal(HttpStatusCode.NoContent, (await host.County().Delete($"keys/{keyId}")).Status);
        var placed = await placing;

        Assert.Equal(HttpStatusCode.Unauthorized, placed.Status);
        Assert.Equal(5 - held, await _flow.Stock(listingId));
        Assert.Equal(held, await OrdersOf(listingId));
    }
}
