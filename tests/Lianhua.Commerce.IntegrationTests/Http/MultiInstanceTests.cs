using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Three instances on one storage account, as Azure scales the app out: each keeps its own copies of listings, runs,
/// station keys and the network, its own turns, and its own queue listeners. Whatever instance a request or a queue
/// message lands on, the stored outcome is the one a single instance would give.
/// </summary>
public sealed class MultiInstanceTests(ShortLeaseMultiHost hosts) : IClassFixture<ShortLeaseMultiHost>
{
    private static object OrderBody(string listingId, long quantity = 1) =>
        new { lines = new[] { new { listingId, quantity } }, recipient = new { name = "李强", phone = "15170990000" }, paymentMethod = "cod" };

    private static Dictionary<string, string> Key(string? key = null) => new() { ["Idempotency-Key"] = key ?? Guid.NewGuid().ToString("N") };

    /// <summary>The same key, sent to another instance.</summary>
    private static Api On(LocalHostFixture host, Api issued) => host.Client(issued.Key);

    /// <summary>
    /// Places until the answer is final, as a client does: a 409 with Retry-After (busy, in flight) is sent again with the
    /// same key. Returns the final answer; never a 5xx.
    /// </summary>
    private static async Task<ApiResponse> PlaceUntilFinal(Api buyer, object body, string key)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await buyer.Post("orders", body, Key(key));
            Assert.True((int)response.Status < 500, response.ToString());
            if (response.Status != HttpStatusCode.Conflict || response.Header("Retry-After") is null) return response;
            Assert.True(attempt < 60, "still busy after 60 tries: " + response);
            await Task.Delay(Random.Shared.Next(200, 600));
        }
    }

    private async Task<List<JsonNode>> OrdersOf(string listingId, params string[] stations)
    {
        var found = new List<JsonNode>();
        foreach (var station in stations)
        {
            var page = await hosts[0].County().Get($"stations/{station}/orders?pageSize=100");
            found.AddRange(page.Json["items"]!.AsArray().Where(o => o!["lines"]!.AsArray().Any(l => l!["listingId"]!.GetValue<string>() == listingId))!);
        }
        return found;
    }

    [Fact]
    public async Task AHotListing_OrderedThroughThreeInstancesAtOnce_SellsExactlyItsStock_AndEveryOrderIsRoutedOnce()
    {
        var seller = await TestData.StationKey(hosts[0], TestData.StationA);
        var listingId = (await TestData.CreateListing(seller, TestData.Listing(stock: 20)))["id"]!.GetValue<string>();
        string[] stations = [TestData.StationB, "st-360321204-02", "st-360321102-03", TestData.StationA2];
        var keys = new List<Api>();
        foreach (var station in stations) keys.Add(await TestData.StationKey(hosts[0], station));

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            PlaceUntilFinal(On(hosts[i % MultiHostFixture.Count], keys[i % keys.Count]), OrderBody(listingId), Guid.NewGuid().ToString("N"))));

        var placed = answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Json["id"]!.GetValue<string>()).ToList();
        Assert.Equal(20, placed.Count);
        Assert.Equal(20, placed.Distinct().Count());
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal(0, a.Json["shortages"]![0]!["available"]!.GetValue<long>());
        });
        foreach (var host in hosts.Hosts) Assert.Equal(0, (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
        var (stock, reserved, reservations) = await StorageInvariants.StockAndReservations(hosts[0].Storage, listingId);
        Assert.Equal((0, 20, 20), (stock, reserved, reservations));
        Assert.Equal(placed.Order(), (await OrdersOf(listingId, stations)).Select(o => o["id"]!.GetValue<string>()).Order());

        await Eventually.True(async () => (await OrdersOf(listingId, stations)).All(o => o["status"]!.GetValue<string>() == "routed"), 60, "not every order was routed");
        var bookings = await StorageInvariants.RunsMatchBookings(hosts[0].Storage);
        foreach (var orderId in placed)
        {
            var tracking = await hosts[1].County().Get($"orders/{orderId}/tracking");
            var shipment = Assert.Single(tracking.Json["shipments"]!.AsArray())!;
            var legs = shipment["legs"]!.AsArray().Select(l => $"{l!["from"]} → {l["date"]!.GetValue<string>().Replace("-", "")}_{l["to"]}").Order();
            Assert.Equal(legs, bookings[shipment["id"]!.GetValue<string>()].Order()); // each leg booked once, on the run the order shows
        }
    }
}
