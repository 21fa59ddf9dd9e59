using System.Net;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Personal data only where it is needed and only as long; nothing a closed order leaves behind grows with history.</summary>
public sealed class RetentionTests(RetentionHost host) : IClassFixture<RetentionHost>, IDisposable
{
    private readonly RetentionFlow _flow = new(host);

    public void Dispose() => host.Clock.Offset = TimeSpan.Zero;

    [Fact]
    public async Task PlacedAndRoutedOrder_HoldsItsRecipient_InItsOwnRowAlone()
    {
        var recipient = RetentionFlow.NewRecipient();
        var order = await _flow.RoutedOrder(TestData.StationA, TestData.StationB, recipient);

        var found = await PlaintextSearch.FindAsync(host.Storage, [recipient.Name, recipient.Phone]);
        var orderRow = $"{host.Prefix}Orders/{TestData.StationB}/o{order["id"]!.GetValue<string>()[^27..]}";
        Assert.Equal([$"{orderRow}.RecipientName holds '{recipient.Name}'", $"{orderRow}.RecipientPhone holds '{recipient.Phone}'"], found.Order());
    }

    [Fact]
    public async Task ClosedOrders_LeaveNoReservationsOrClaims_SoACountyBrowseCostsTheSame()
    {
        var listings = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _flow.Nodes.NewListing(TestData.StationA)));
        var before = await BrowseRequests();

        var delivered = new[] { await _flow.Delivered(TestData.StationA, RetentionFlow.NewRecipient(), listings[0]),
            await _flow.Delivered(TestData.StationA, RetentionFlow.NewRecipient(), listings[1]) };
        var cancelled = new[] { await _flow.Cancelled(TestData.StationA, TestData.StationB, RetentionFlow.NewRecipient(), listings[2]),
            await _flow.Cancelled(TestData.StationA, TestData.StationA, RetentionFlow.NewRecipient(), listings[3]) };
        Assert.NotEmpty(await _flow.ListingLeftovers(delivered[0])); // the reservation and the claim, until the timer runs
        await _flow.CleanUp();

        foreach (var id in delivered.Concat(cancelled)) Assert.Empty(await _flow.ListingLeftovers(id));
        Assert.Equal(before, await BrowseRequests());
        // Stock is untouched by the clean-up: sold stays sold, a cancelled order's came back with its release.
        for (var i = 0; i < listings.Length; i++)
            Assert.Equal(i < 2 ? 49 : 50, (await host.County().Get($"listings/{listings[i]}")).Json["stock"]!.GetValue<long>());
    }

    [Fact]
    public async Task DeliveredAndCancelledOrders_LoseTheirRecipient_AfterTheRetentionPeriod_AndKeepTheRest()
    {
        var (a, b) = (RetentionFlow.NewRecipient(), RetentionFlow.NewRecipient());
        var ids = new[] { await _flow.Delivered(TestData.StationA, a), await _flow.Cancelled(TestData.StationA, TestData.StationA, b) };
        var station = await _flow.Nodes.KeyOf(TestData.StationA);
        var views = await Task.WhenAll(ids.Select(id => station.Get($"orders/{id}")));
        await _flow.CleanUp();

        host.Clock.Offset = TimeSpan.FromDays(89);
        await _flow.Sweep();
        Assert.Equal(4, (await PlaintextSearch.FindAsync(host.Storage, [a.Name, a.Phone, b.Name, b.Phone])).Count);

        host.Clock.Offset = TimeSpan.FromDays(91);
        await _flow.Sweep();
        Assert.Empty(await PlaintextSearch.FindAsync(host.Storage, [a.Name, a.Phone, b.Name, b.Phone]));
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(views[i].Raw, (await station.Get($"orders/{ids[i]}")).Raw);
            Assert.Equal(HttpStatusCode.OK, (await station.Get($"orders/{ids[i]}/tracking")).Status);
        }
        Assert.Empty(await _flow.Rows(TableNames.Orders, TestData.StationA, "e~"));
    }

    [Fact]
    public async Task KeyRecordsBookingsAndMarkers_AreSwept_OnlyAfterTheIdempotencyRetention()
    {
        var order = await _flow.RoutedOrder(TestData.StationA, TestData.StationB, RetentionFlow.NewRecipient());
        var tracking = await _flow.Nodes.Routed(order["id"]!.GetValue<string>(), TestData.StationB);
        var shipment = tracking["shipments"]![0]!;
        Assert.Equal(HttpStatusCode.OK, (await _flow.Nodes.Scan(shipment["id"]!.GetValue<string>(), "depart", TestData.StationA)).Status);
        var lastLeg = shipment["legs"]!.AsArray().Max(l => DateOnly.Parse(l!["date"]!.GetValue<string>()));
        async Task<int> Kept() => (await _flow.Rows(TableNames.Orders, TestData.StationB, "i~")).Count + (await _flow.Rows(TableNames.Orders, TestData.StationA, "i~")).Count
            + (await _flow.Rows(TableNames.Runs, TestData.StationA, "leg~")).Count + (await _flow.Rows(TableNames.Runs, TestData.StationA, FirstLegDay())).Count;
        string FirstLegDay() => shipment["legs"]![0]!["date"]!.GetValue<string>().Replace("-", "");
        var kept = await Kept();

        host.Clock.Offset = TimeSpan.FromDays(29);
        await _flow.Sweep();
        Assert.Equal(kept, await Kept());

        // The day the last leg's run passed the 30 days (a sweep each day would have taken each day's in turn).
        host.Clock.Offset = TimeSpan.FromDays(lastLeg.DayNumber - BusinessDay.Of(DateTimeOffset.UtcNow).DayNumber + 31);
        await _flow.Sweep();
        Assert.Empty(await _flow.Rows(TableNames.Orders, TestData.StationB, "i~"));
        Assert.Empty(await _flow.Rows(TableNames.Orders, TestData.StationA, "i~"));
        Assert.Empty(await _flow.Rows(TableNames.Runs, TestData.StationA, "leg~"));
        var firstLeg = shipment["legs"]![0]!;
        var run = await host.County().Get($"runs?nodeId={TestData.StationA}&date={firstLeg["date"]}");
        Assert.Contains(run.Json["items"]!.AsArray(), r => r!["to"]!.GetValue<string>() == TestData.HubA && r["shipmentIds"]!.AsArray().Count == 0);
    }

    /// <summary>Storage requests of a whole county-wide browse (every page), from a store of its own that counts them.</summary>
    private async Task<long> BrowseRequests()
    {
        var counter = new RequestCounter();
        var storage = new CommerceStorage(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = host.Prefix }, [counter]);
        var store = new ListingStore(storage, new EntityCache<ListingEntity>(e => e.Copy()));
        string? token = null;
        do token = (await store.QueryAsync("360321", null, null, null, 50, token, default)).ContinuationToken;
        while (token is not null);
        return counter.Count;
    }
}
