using System.Net;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// A committed cancel whose stock release meets contention (every listing write fails on its ETag for the whole retry budget):
/// the cancel answers 409 "listing busy", and the router, which releases for it, tries again later instead of failing
/// towards the poison queue; the stock and the runs come back once the listing is quiet.
/// </summary>
public sealed class ReleaseContentionTests(ShortLeaseHost host) : IClassFixture<ShortLeaseHost>
{
    private readonly FaultFlow _flow = new(host);

    [Fact]
    public async Task ACancelledOrdersReleaseThatMeetsContention_IsRetriedLater_NeverPoisoned()
    {
        var listingId = await _flow.Listing(stock: 10);
        var id = (await _flow.Place(listingId, 2))["id"]!.GetValue<string>();
        var tracking = await _flow.Routed(id);
        var released = (await _flow.Legs(tracking)).Select(l => l.Load - 2 * FaultFlow.UnitWeightGrams).ToList();
        // Enough stale writes for the cancel's retries, the router's delivery of the cancel's message and the call below.
        for (var i = 0; i < 100; i++)
            host.Faults.Add(new("listing busy", FaultFlow.Batch($"{host.Prefix}Listings"), AfterSend: false, Skip: 0, Rewrite: FaultFlow.StaleIfMatch));

        var cancel = await _flow.Cancel(id, Headers.Idempotency());
        Assert.True(cancel.Status == HttpStatusCode.Conflict, cancel.ToString());
        Assert.Equal("cancelled", (await _flow.Order(id))["status"]!.GetValue<string>());
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        Assert.Equal(RouteOutcome.Deferred, await router.HandleAsync(new OrderToRoute(id, TestData.StationB, null), default));
        host.Faults.Clear();

        await Eventually.True(async () => await _flow.Stock(listingId) == 10, 30, "the stock never came back");
        await _flow.RunsAre(tracking, released, listed: false, "the runs were not given back once");
        await Task.Delay(TimeSpan.FromSeconds(6)); // every deferred message is handled by now
        Assert.Equal(10, await _flow.Stock(listingId));
        Assert.Empty((await host.Storage.Queue("orders-placed-poison").PeekMessagesAsync()).Value);
    }
}
