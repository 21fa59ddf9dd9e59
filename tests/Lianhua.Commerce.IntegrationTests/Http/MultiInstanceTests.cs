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

    private static Func<Azure.Core.HttpMessage, bool> Batch(string prefix, string table) => m =>
        m.Request.Method == Azure.Core.RequestMethod.Post && m.Request.Uri.Path.EndsWith("/$batch") && BodyOf(m).Contains(prefix + table);

    private static string BodyOf(Azure.Core.HttpMessage m)
    {
        using var buffer = new MemoryStream();
        m.Request.Content?.WriteTo(buffer, default);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AKeyRevokedOnOneInstance_WhileAnotherPlacesWithIt_AndThatPlacementDies_NoOrderCommitsAfterTheRevocation(bool keyCopied)
    {
        var (a, b) = (hosts[0], hosts[1]);
        var seller = await TestData.StationKey(a, TestData.StationA);
        var listingId = (await TestData.CreateListing(seller, TestData.Listing(stock: 10)))["id"]!.GetValue<string>();
        var issued = await a.County().Post("keys", new { role = "station", scopeId = TestData.StationB });
        var buyerOnB = b.Client(issued.Json["key"]!.GetValue<string>());
        if (keyCopied) Assert.Equal(HttpStatusCode.Created, (await buyerOnB.Post("orders", OrderBody(listingId), Key())).Status); // B copies the key
        var before = (await OrdersOf(listingId, TestData.StationB)).Count;
        var stockBefore = (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>();

        // B's reservation (it claims the key) is held back until A has revoked the key; then B "dies" before its commit.
        b.Faults.Add(new("reservation held back", Batch(b.Prefix, "Listings"), AfterSend: false, Skip: 0, Stall: TimeSpan.FromMilliseconds(1500)));
        b.Faults.Add(new("commit", Batch(b.Prefix, "Orders"), AfterSend: false, Skip: 0));
        try
        {
            var placing = buyerOnB.Post("orders", OrderBody(listingId, 2), Key());
            await Task.Delay(300);
            Assert.Equal(HttpStatusCode.NoContent, (await a.County().Delete($"keys/{issued.Json["keyId"]!.GetValue<string>()}")).Status);
            var revokedAt = DateTimeOffset.UtcNow;
            var first = await placing;
            Assert.Equal(0, b.Faults.Remaining);
            Assert.Equal(HttpStatusCode.InternalServerError, first.Status);

            // Recovery (a router on any instance, after the 2 s lease) must not commit it: the key was revoked before its claim.
            await Eventually.True(async () => (await StorageInvariants.StockAndReservations(a.Storage, listingId)).Stock == stockBefore
                || (await OrdersOf(listingId, TestData.StationB)).Count > before, 30, "recovery never finished the placement");
            await Task.Delay(500);
            Assert.Equal(before, (await OrdersOf(listingId, TestData.StationB)).Count);
            Assert.Equal(stockBefore, (await seller.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>());
            Assert.True(DateTimeOffset.UtcNow > revokedAt);
        }
        finally
        {
            b.Faults.Clear();
        }
    }
}
