using Azure.Core;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Two routings of one order on either side of midnight in China (16:00 UTC), with a controlled clock: the first books on the old
/// day and stores late; the second starts after midnight meanwhile. Whatever order they store in, the order's legs are the
/// bookings the runs hold, each leg booked once.
/// </summary>
public sealed class RoutingAcrossMidnightTests(MovableClockHost host) : IClassFixture<MovableClockHost>
{
    private readonly FaultFlow _flow = new(host);

    [Fact]
    public async Task TwoRoutingsOnEitherSideOfMidnight_EndWithTheOrdersLegsOnTheRunsThatHoldThem()
    {
        var listingId = await _flow.Listing(stock: 10);
        var now = DateTimeOffset.UtcNow;
        host.Clock.Offset = new DateTimeOffset(now.UtcDateTime.Date.AddHours(15).AddMinutes(59), TimeSpan.Zero) - now; // 23:59 in China
        // The queue's routing (before midnight) stalls 4 s before it stores; the second routing's first order write stalls 8 s.
        Func<HttpMessage, bool> orderWrite = m => m.Request.Method == RequestMethod.Put && m.Request.Uri.Path.Contains($"/{host.Prefix}Orders(");
        host.Faults.Add(new("first routing stores late", orderWrite, AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(4)));
        host.Faults.Add(new("second routing stores later", orderWrite, AfterSend: false, Skip: 0, Stall: TimeSpan.FromSeconds(8)));
        var id = (await _flow.Place(listingId, 2))["id"]!.GetValue<string>();
        await Eventually.True(() => host.Faults.Remaining == 1, 30, "the first routing never got to storing");

        host.Clock.Offset += TimeSpan.FromMinutes(2); // 00:01 in China: a new business day
        var order = await host.App.Services.GetRequiredService<OrderStore>().FindAsync(id, default);
        var second = await host.App.Services.GetRequiredService<RoutingService>().RouteAsync(order!, default);
        Assert.True(second is RouteOutcome.Routed or RouteOutcome.AlreadyRouted, second.ToString());
        host.Faults.Clear();

        var tracking = await _flow.Routed(id);
        Assert.All(await _flow.Legs(tracking), l => Assert.True(l.Listed, $"run {l.RunId} does not hold the leg the order names"));
        await _flow.AssertRunsHold(tracking["shipments"]![0]!["id"]!.GetValue<string>(), legs: 4);
    }
}
