using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>A host whose listing queries a test can make answer empty pages with tokens, as Azure does.</summary>
public sealed class EmptyPagesHost : LocalHostFixture
{
    public EmptyPages Listings { get; private set; } = null!;

    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(Listings = new EmptyPages(Prefix + "Listings"));
}

public sealed class PagingTests(EmptyPagesHost host) : IClassFixture<EmptyPagesHost>
{
    [Fact]
    public async Task EmptyPagesWithTokens_CostAtMostThreeQueriesPerRequest_AndAnswerWithAToken()
    {
        host.Listings.Active = true;
        try
        {
            var page = await host.County().Get("listings?pageSize=10");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Empty(page.Json["items"]!.AsArray());
            Assert.Equal(3, host.Listings.Served);
            var next = await host.County().Get($"listings?pageSize=10&continuationToken={page.Json["continuationToken"]!.GetValue<string>()}");
            Assert.Equal(HttpStatusCode.OK, next.Status);
            Assert.Equal(6, host.Listings.Served);
        }
        finally
        {
            host.Listings.Active = false;
        }
    }

    [Fact]
    public async Task Runs_PageLikeEveryList()
    {
        var nodes = new NetworkNodes(host);
        var listing = await nodes.NewListing(TestData.StationA);
        var order = await nodes.Place(TestData.StationB, (listing, 1));
        var tracking = await nodes.Routed(order["id"]!.GetValue<string>(), TestData.StationB);
        var date = tracking["shipments"]![0]!["legs"]![0]!["date"]!.GetValue<string>();
        // Same township: station → hub → station, so the hub also has a run to StationA2 (on the day, once routing books it).
        var local = await nodes.Place(TestData.StationA2, (listing, 1));
        await nodes.Routed(local["id"]!.GetValue<string>(), TestData.StationA2);

        var all = (await host.County().Get($"runs?nodeId={TestData.HubA}&date={date}&pageSize=100")).Json;
        Assert.Null(all["continuationToken"]);
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await host.County().Get($"runs?nodeId={TestData.HubA}&date={date}&pageSize=1" + (token is null ? "" : $"&continuationToken={token}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(page.Json["items"]!.AsArray().Count <= 1);
            seen.AddRange(page.Json["items"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
            token = page.Json["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        Assert.Equal(all["items"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()), seen);
        Assert.True(seen.Count >= 2, string.Join(", ", seen));
        Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Get($"runs?nodeId={TestData.HubA}&date={date}&continuationToken=bm9wZQ")).Status);
    }
}
