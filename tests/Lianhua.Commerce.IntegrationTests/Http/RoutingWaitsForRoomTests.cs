using System.Net;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// An order whose path has a link full for the 30 days routing books ahead: it waits, confirmed (never poisoned), keeps
/// the runs booked for its other shipments, and is routed once a run frees up; cancelled meanwhile, it gives them back.
/// </summary>
public sealed class RoutingWaitsForRoomTests(ShortNoRoomRetryHost host) : IClassFixture<ShortNoRoomRetryHost>
{
    private const string Hub = "hub-360321101";
    private const long Capacity = 3000;

    /// <summary>Gives the link from <paramref name="full"/> a 3 kg run a day and fills its runs for the 30 days routing books.</summary>
    private async Task<DateOnly> FillThirtyDays(string full)
    {
        var network = (await host.County().Get("network")).Json;
        network["links"]!.AsArray().First(l => l!["from"]!.GetValue<string>() == full)!["capacityGrams"] = Capacity;
        Assert.Equal(HttpStatusCode.OK, (await host.County().Put("network", network)).Status);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the network is cached for up to a second here
        var today = BusinessDay.Of(DateTimeOffset.UtcNow);
        var runs = host.App.Services.GetRequiredService<RunStore>();
        for (var day = 0; day < RunPlanner.MaxDays; day++)
            Assert.Equal(today.AddDays(day), (await runs.BookAsync($"fill-{full}-{day:D2}", new Leg(1, full, Hub, Capacity), Capacity, today, RunPlanner.LastDay(today), default)).Date);
        return today;
    }

    /// <summary>
    /// An order of one unit from <paramref name="free"/> and two kilograms from <paramref name="full"/>, placed by station B
    /// once the link from <paramref name="full"/> is full for 30 days (<see cref="FillThirtyDays"/>), and routing has tried it:
    /// the free shipment's first leg is booked today, the other one waits for room.
    /// </summary>
    private async Task<(DateOnly Today, Api Buyer, string OrderId, string FreeListing, string FullListing)> WaitingForRoom(string free, string full)
    {
        var today = await FillThirtyDays(full);
        var freeListing = await TestData.NewListingId(await Keys.Of(host, free), Bodies.Listing(stock: 10));
        var fullListing = await TestData.NewListingId(await Keys.Of(host, full), Bodies.Listing("高洲大米 2斤", priceFen: 1800, stock: 10, category: "rice", unitWeightGrams: 1000));
        var buyer = await Keys.Of(host, TestData.StationB);
        var placed = await buyer.Post("orders", Bodies.Order((freeListing, 1), (fullListing, 2)) with { PaymentMethod = "prepaid" }, Headers.Idempotency());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        var orderId = placed.Json["id"]!.GetValue<string>();
        await Eventually.True(async () => (await OnRun(free, today, orderId)).Count == 1, 30, "routing never booked the free shipment");
        return (today, buyer, orderId, freeListing, fullListing);
    }

    /// <summary>The shipment ids of this order on the run from <paramref name="from"/> to the hub on <paramref name="day"/>.</summary>
    private async Task<List<string>> OnRun(string from, DateOnly day, string orderId)
    {
        var runs = (await host.County().Get($"runs?nodeId={from}&date={BusinessDay.Format(day)}")).Json["items"]!.AsArray();
        return runs.Where(r => r!["to"]!.GetValue<string>() == Hub)
            .SelectMany(r => r!["shipmentIds"]!.AsArray().Select(s => s!.GetValue<string>())).Where(s => s.StartsWith(orderId, StringComparison.Ordinal)).ToList();
    }

    private async Task<int> Poisoned()
    {
        var poison = host.Storage.Queue(Lianhua.Commerce.Core.Storage.QueueNames.OrdersPlaced + "-poison");
        return (await poison.PeekMessagesAsync(32)).Value.Length;
    }

    [Fact]
    public async Task AnOrderWhoseLinkIsFullForThirtyDays_WaitsConfirmed_KeepingItsOtherRun_AndIsRoutedWhenARunFreesUp()
    {
        const string free = "st-360321101-02", full = "st-360321101-07";
        // Routing tried (the free shipment's first leg is booked) and found no room for the other one: it waits.
        var (today, buyer, orderId, _, _) = await WaitingForRoom(free, full);
        await Task.Delay(TimeSpan.FromSeconds(5)); // two more tries
        Assert.Equal("confirmed", (await buyer.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());
        Assert.Single(await OnRun(free, today, orderId)); // booked once, however often routing looked again
        Assert.Equal(0, await Poisoned());
        // Each try ends as a deferral (a new message), not a failure that counts towards the poison queue.
        var router = host.App.Services.GetRequiredService<Lianhua.Commerce.Core.Orders.OrderRouter>();
        Assert.Equal(Lianhua.Commerce.Core.Orders.RouteOutcome.Deferred,
            await router.HandleAsync(new Lianhua.Commerce.Core.Orders.OrderToRoute(orderId, TestData.StationB, null), default));

        var freed = today.AddDays(3);
        await host.App.Services.GetRequiredService<RunStore>().ReleaseAsync(new RunKey(full, Hub, freed), $"fill-{full}-03", default);

        await Eventually.True(async () => (await buyer.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>() == "routed", 30, "never routed after a run freed up");
        Assert.Single(await OnRun(full, freed, orderId));
        Assert.Single(await OnRun(free, today, orderId));
    }

    [Fact]
    public async Task CancellingAnOrderThatWaitsForRoom_GivesBackItsStock_AndTheRunsItsOtherShipmentHeld()
    {
        const string free = "st-360321101-03", full = "st-360321101-08";
        var (today, buyer, orderId, freeListing, fullListing) = await WaitingForRoom(free, full);

        var cancelled = await buyer.Post($"orders/{orderId}/cancel", new { reason = "等不及了" }, Headers.Idempotency());

        Assert.True(cancelled.Status == HttpStatusCode.OK, cancelled.ToString());
        Assert.Empty(await OnRun(free, today, orderId));
        var load = (await host.County().Get($"runs?nodeId={free}&date={BusinessDay.Format(today)}")).Json["items"]!.AsArray()
            .Single(r => r!["to"]!.GetValue<string>() == Hub)!["loadGrams"]!.GetValue<long>();
        Assert.Equal(0, load);
        Assert.Equal(10, (await buyer.Get($"listings/{freeListing}")).Json["stock"]!.GetValue<long>());
        Assert.Equal(10, (await buyer.Get($"listings/{fullListing}")).Json["stock"]!.GetValue<long>());
        await Task.Delay(TimeSpan.FromSeconds(3)); // routing looks again, finds it cancelled, and books nothing
        Assert.Empty(await OnRun(free, today, orderId));
        Assert.Equal("cancelled", (await buyer.Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());
    }
}
