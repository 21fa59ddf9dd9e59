using System.Net;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Routing that waits for room across midnight in China books nothing on a day that is over.</summary>
public sealed class RoutingAcrossDaysTests(MovableClockHost host) : IClassFixture<MovableClockHost>
{
    private const string Hub = TestData.HubA;
    private const long Capacity = 3000;

    [Fact]
    public async Task AnOrderThatWaitedForRoomPastMidnight_IsRoutedOnRunsOfTheNewDay_NotOnTheDayThatIsOver()
    {
        const string origin = "st-360321101-04", buyer = "st-360321101-09";
        // The last link, hub → buyer, carries 3 kg a run and is full for the 30 days routing books.
        var network = (await host.County().Get("network")).Json;
        network["links"]!.AsArray().First(l => l!["from"]!.GetValue<string>() == buyer || l!["to"]!.GetValue<string>() == buyer)!["capacityGrams"] = Capacity;
        Assert.Equal(HttpStatusCode.OK, (await host.County().Put("network", network)).Status);
        var today = BusinessDay.Of(host.Clock.GetUtcNow());
        var runs = host.App.Services.GetRequiredService<RunStore>();
        for (var day = 0; day < RunPlanner.MaxDays; day++)
            await runs.BookAsync($"fill-{day:D2}", new Leg(1, Hub, buyer, Capacity), Capacity, today.AddDays(day), RunPlanner.LastDay(today), default);

        var listing = await TestData.NewListingId(await Keys.Of(host, origin), Bodies.Listing("路口大米 2斤", priceFen: 1800, stock: 10, category: "rice", unitWeightGrams: 1000));
        var station = await Keys.Of(host, buyer);
        var placed = await station.Post("orders", Bodies.Order((listing, 1)), Headers.Idempotency());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        var orderId = placed.Json["id"]!.GetValue<string>();
        // Routing booked the first leg (origin → hub) today and waits for room on the last one.
        await Eventually.True(async () => (await ShipmentsOn(origin, today)).Contains(orderId + "-01"), 30, "routing never booked the first leg");
        Assert.Equal("confirmed", (await station.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());

        // Midnight in China passes while it waits. Then the day that is over (its vehicle left) and one three days on free up.
        host.Clock.Offset = TimeSpan.FromDays(1);
        await runs.ReleaseAsync(new RunKey(Hub, buyer, today), "fill-00", default);
        await runs.ReleaseAsync(new RunKey(Hub, buyer, today.AddDays(3)), "fill-03", default);

        await Eventually.True(async () => (await station.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>() == "routed", 30, "never routed");
        var legs = (await station.Get($"orders/{orderId}/tracking")).Json["shipments"]![0]!["legs"]!.AsArray()
            .Select(l => (From: l!["from"]!.GetValue<string>(), Date: l["date"]!.GetValue<string>(), RunId: l["runId"]!.GetValue<string>())).ToList();
        var newDay = today.AddDays(1);
        Assert.Equal([BusinessDay.Format(newDay), BusinessDay.Format(today.AddDays(3))], legs.Select(l => l.Date));
        Assert.Equal(new RunKey(origin, Hub, newDay).Id, legs[0].RunId);
        // Each leg is on one run only: the first leg left the run of the day that is over, and that run carries nothing.
        Assert.Empty(await ShipmentsOn(origin, today));
        Assert.Equal([orderId + "-01"], await ShipmentsOn(origin, newDay));
        Assert.Equal(0, (await RunsOf(origin, today)).Single(r => r!["to"]!.GetValue<string>() == Hub)!["loadGrams"]!.GetValue<long>());
        Assert.DoesNotContain(orderId + "-01", await ShipmentsOn(Hub, today));
    }

    private async Task<System.Text.Json.Nodes.JsonArray> RunsOf(string node, DateOnly day) =>
        (await host.County().Get($"runs?nodeId={node}&date={BusinessDay.Format(day)}")).Json["items"]!.AsArray();

    private async Task<List<string>> ShipmentsOn(string node, DateOnly day) =>
        (await RunsOf(node, day)).Where(r => r!["from"]!.GetValue<string>() == node)
            .SelectMany(r => r!["shipmentIds"]!.AsArray().Select(s => s!.GetValue<string>())).ToList();
}
