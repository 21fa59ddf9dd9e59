using System.Net;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.LocalHost;

/// <summary>
/// A real LocalHost process killed (SIGKILL) in the middle of a burst of placements and cancels, and a new one started on the
/// same storage: within 60 s every replay gets its final answer, no stock is lost or made up, no order is half made, every
/// order is routed once (a cancelled one holds no run) and no message sits in the poison queue.
/// </summary>
public sealed class LocalHostRestartTests
{
    private const string OriginA = "st-360321101-05", OriginB = "st-360321204-02";
    private static readonly string[] Buyers = ["st-360321101-11", "st-360321204-03", "st-360321101-12"];
    private const long Stock = 30, UnitGrams = 500;

    private sealed record Placement(Api Station, string StationId, string Key, object Body, long QuantityA, long QuantityB);

    [Fact]
    public async Task KillingLocalHostDuringABurst_ThenRestarting_LeavesEveryAnswerFinalStockExactAndEveryOrderRoutedOnce()
    {
        var environment = new Dictionary<string, string>
        {
            ["Commerce__StoragePrefix"] = TestStorage.NewPrefix(),
            ["Commerce__CountyApiKey"] = "restart-county-" + Guid.NewGuid().ToString("N"),
        };
        var first = await LocalHostProcessTests.StartAsync(environment);
        List<Placement> placements;
        List<(Api Station, string OrderId, string Key)> cancels;
        string listingA, listingB;
        try
        {
            var county = new Api(first.Base, first.CountyKey);
            listingA = await CreateListing(county, OriginA);
            listingB = await CreateListing(county, OriginB);
            var stations = new Dictionary<string, Api>();
            foreach (var buyer in Buyers) stations[buyer] = (await Keys.Issue(county, buyer)).Api;
            var random = new Random(7);
            placements = Enumerable.Range(0, 36).Select(i =>
            {
                var buyer = Buyers[i % Buyers.Length];
                long a = random.Next(1, 3), b = 1;
                return new Placement(stations[buyer], buyer, $"restart-{i:D2}", Bodies.Order((listingA, a), (listingB, b)), a, b);
            }).ToList();
            // Six orders placed before the burst, to be cancelled during it.
            cancels = [];
            foreach (var placement in placements.Take(6))
            {
                var placed = await Place(placement);
                Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
                cancels.Add((placement.Station, placed.Json["id"]!.GetValue<string>(), "cancel-" + placement.Key));
            }

            var answered = 0;
            var burst = placements.Skip(6).Select(async p => { try { await Place(p); } catch (HttpRequestException) { } Interlocked.Increment(ref answered); })
                .Concat(cancels.Select(async c => { try { await Cancel(c.Station, c.OrderId, c.Key); } catch (HttpRequestException) { } Interlocked.Increment(ref answered); }))
                .ToList();
            await Eventually.True(() => Volatile.Read(ref answered) >= 6, 30, "the burst never got going");
            first.Process.Kill(); // SIGKILL: no shutdown, no settling of messages
            await Task.WhenAll(burst);
        }
        finally { first.Stop(); }

        var second = await LocalHostProcessTests.StartAsync(environment);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            // Every replay gets the final answer: 201 or 409 with shortages; the cancels 200.
            var finals = new Dictionary<string, ApiResponse>();
            foreach (var placement in placements.Skip(6))
                finals[placement.Key] = await UntilFinal(() => Place(placement with { Station = Moved(placement.Station, second.Base) }), deadline,
                    r => r.Status == HttpStatusCode.Created || (r.Status == HttpStatusCode.Conflict && r.Body?["shortages"] is not null));
            foreach (var cancel in cancels)
            {
                var final = await UntilFinal(() => Cancel(Moved(cancel.Station, second.Base), cancel.OrderId, cancel.Key), deadline, r => r.Status == HttpStatusCode.OK);
                Assert.Equal("cancelled", final.Json["status"]!.GetValue<string>());
            }

            var county = new Api(second.Base, second.CountyKey);
            var orders = placements.Skip(6).Where(p => finals[p.Key].Status == HttpStatusCode.Created)
                .Select(p => (Placement: p, Id: finals[p.Key].Json["id"]!.GetValue<string>())).ToList();
            Assert.NotEmpty(orders);
            // No stock lost or made up: what the listing shows plus what the live orders hold is what it started with.
            Assert.Equal(Stock, await StockOf(county, listingA) + orders.Sum(o => o.Placement.QuantityA));
            Assert.Equal(Stock, await StockOf(county, listingB) + orders.Sum(o => o.Placement.QuantityB));
            // No order that no answer names (a half-made one, or a second one for a key).
            var known = orders.Select(o => o.Id).Concat(cancels.Select(c => c.OrderId)).ToHashSet();
            foreach (var buyer in Buyers)
            {
                var listed = (await county.Get($"stations/{buyer}/orders?pageSize=100")).Json["items"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList();
                Assert.All(listed, id => Assert.Contains(id, known));
            }
            // Every live order is routed, once; every run's load is the weight of the shipments on it, none of a cancelled order.
            foreach (var (_, id) in orders)
                await Eventually.True(async () => (await county.Get($"orders/{id}")).Json["status"]!.GetValue<string>() == "routed",
                    Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalSeconds), $"order {id} not routed within 60 s of the restart");
            var weights = new Dictionary<string, long>();
            var legs = new List<(string ShipmentId, string From, string RunId, string Date)>();
            foreach (var (_, id) in orders)
                foreach (var shipment in (await county.Get($"orders/{id}/tracking")).Json["shipments"]!.AsArray())
                {
                    var shipmentId = shipment!["id"]!.GetValue<string>();
                    weights[shipmentId] = shipment["weightGrams"]!.GetValue<long>();
                    legs.AddRange(shipment["legs"]!.AsArray().Select(l => (shipmentId, l!["from"]!.GetValue<string>(), l["runId"]!.GetValue<string>(), l["date"]!.GetValue<string>())));
                }
            foreach (var node in legs.Select(l => (l.From, l.Date)).Distinct())
                foreach (var run in (await county.Get($"runs?nodeId={node.From}&date={node.Date}")).Json["items"]!.AsArray().Where(r => r!["from"]!.GetValue<string>() == node.From))
                {
                    var onRun = run!["shipmentIds"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
                    Assert.All(onRun, s => Assert.True(weights.ContainsKey(s), $"shipment {s} of a cancelled or unknown order is on run {run["id"]}"));
                    Assert.Equal(onRun.Sum(s => weights[s]), run["loadGrams"]!.GetValue<long>());
                    foreach (var s in onRun) Assert.Contains(legs, l => l.ShipmentId == s && l.RunId == run["id"]!.GetValue<string>());
                }
            Assert.All(legs, l => Assert.Single(legs, m => m.ShipmentId == l.ShipmentId && m.From == l.From));

            var storage = new CommerceStorage(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = environment["Commerce__StoragePrefix"] }, []);
            Assert.Empty((await storage.Queue(QueueNames.OrdersPlaced + "-poison").PeekMessagesAsync(32)).Value);
        }
        finally { second.Stop(); }
    }

    private static Api Moved(Api station, Uri baseAddress) => station.At(baseAddress);

    private static async Task<ApiResponse> UntilFinal(Func<Task<ApiResponse>> send, DateTime deadline, Func<ApiResponse, bool> isFinal)
    {
        while (true)
        {
            var response = await send();
            if (isFinal(response)) return response;
            Assert.True(response.Status == HttpStatusCode.Conflict && response.Header("Retry-After") is not null, $"not a final answer, nor one to retry: {response}");
            Assert.True(DateTime.UtcNow < deadline, $"no final answer within 60 s of the restart: {response}");
            await Task.Delay(500);
        }
    }

    private static Task<ApiResponse> Place(Placement p) =>
        p.Station.Post("orders", p.Body, Headers.Idempotency(p.Key));

    private static Task<ApiResponse> Cancel(Api station, string orderId, string key) =>
        station.Post($"orders/{orderId}/cancel", new { reason = "村民改主意了" }, Headers.Idempotency(key));

    private static async Task<long> StockOf(Api county, string listingId) => (await county.Get($"listings/{listingId}")).Json["stock"]!.GetValue<long>();

    private static async Task<string> CreateListing(Api county, string stationId) =>
        await TestData.NewListingId((await Keys.Issue(county, stationId)).Api, Bodies.Listing(stock: Stock, unitWeightGrams: UnitGrams));
}
