using System.Net;
using Azure.Core;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Routing interrupted at a run booking or between booking the legs and storing the shipments, then redelivered by the
/// queue; the same message handled several times at once: every leg ends booked once, every run's load is its bookings.
/// </summary>
public sealed class RoutingFaultTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private readonly bool _noLeftoverFaults = host.ClearFaults();

    private readonly FaultFlow _flow = new(host);

    public static TheoryData<string, bool, int> Steps()
    {
        var data = new TheoryData<string, bool, int>();
        foreach (var lost in new[] { false, true })
        {
            data.Add("store", lost, 0);
            foreach (var leg in new[] { 0, 3 }) data.Add("book", lost, leg);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task RoutingInterrupted_IsFinishedByTheRedelivery_EachLegBookedOnce(string step, bool responseLost, int skip)
    {
        var listingId = await _flow.Listing(stock: 10);
        host.Faults.Add(new($"routing {step}", step == "store"
            ? m => m.Request.Method == RequestMethod.Put && m.Request.Uri.Path.Contains($"/{host.Prefix}Orders(")
            : FaultFlow.Batch($"{host.Prefix}Runs"), responseLost, skip));
        var id = (await _flow.Place(listingId, 2))["id"]!.GetValue<string>();
        await Eventually.True(() => host.Faults.Remaining == 0, 30, "routing never got to the step");
        host.Faults.Clear();

        var tracking = await _flow.Routed(id); // the message comes back after the visibility timeout
        Assert.Equal("routed", tracking["status"]!.GetValue<string>());
        var shipmentId = tracking["shipments"]![0]!["id"]!.GetValue<string>();
        Assert.All(await _flow.Legs(tracking), l => Assert.True(l.Listed));
        await _flow.AssertRunsHold(shipmentId, legs: 4);
        Assert.Equal(8, await _flow.Stock(listingId));
    }

    [Fact]
    public async Task TheSameMessageHandledThreeTimesAtOnce_BooksEachLegOnce()
    {
        var listingId = await _flow.Listing(stock: 10);
        var key = Guid.NewGuid().ToString("N");
        var placed = await (await _flow.KeyOf(TestData.StationB)).Post("orders", Bodies.Order((listingId, 1)), Headers.Idempotency(key));
        var id = placed.Json["id"]!.GetValue<string>();
        var router = host.App.Services.GetRequiredService<OrderRouter>();
        var message = new OrderToRoute(id, TestData.StationB, key);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => router.HandleAsync(message, default))));
        Assert.True(outcomes.Count(o => o == RouteOutcome.Routed) <= 1, string.Join(", ", outcomes));
        Assert.All(outcomes, o => Assert.True(o is RouteOutcome.Routed or RouteOutcome.AlreadyRouted, o.ToString()));
        var tracking = await _flow.Routed(id);
        await Task.Delay(1500); // the queue's own delivery of the message too
        await _flow.AssertRunsHold(tracking["shipments"]![0]!["id"]!.GetValue<string>(), legs: 4);
    }
}
