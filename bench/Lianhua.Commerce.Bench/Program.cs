using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.LocalHost;
using Lianhua.Commerce.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Benchmark: one run on Azurite + LocalHost (every function running). Reports ratios and counts, not absolute promises.
// Usage: dotnet run -c Release --project bench/Lianhua.Commerce.Bench -- [ordersPerStation=100]
//        dotnet run -c Release --project bench/Lianhua.Commerce.Bench -- shapes [rowsBefore=0]   (Azurite's cost of each transaction shape)
//        dotnet run -c Release --project bench/Lianhua.Commerce.Bench -- summaries [otherRows=1000000]   (a day's snapshot; the cumulative report)
//        dotnet run -c Release --project bench/Lianhua.Commerce.Bench -- browse [orders=2000]    (a county-wide browse before and after delivered orders)
const int Stations = 16;
var storage = Environment.GetEnvironmentVariable("LIANHUA_TEST_STORAGE") ?? AzuriteProcess.Start();
if (args is ["shapes", ..])
{
    await OrderStorageWork.ShapesAsync(storage, AzuriteProcess.Started, Stations, args.Length > 1 ? int.Parse(args[1]) : 0);
    return 0;
}
if (args is ["summaries", ..])
{
    await SummaryBench.RunAsync(storage, args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
    return 0;
}
if (args is ["browse", ..])
{
    await BrowseAfterOrders.RunAsync(storage, args.Length > 1 ? int.Parse(args[1]) : 2000);
    return 0;
}
var perStation = args.Length > 0 ? int.Parse(args[0]) : 100;

Console.WriteLine($"# Lianhua.Commerce benchmark: {Stations} concurrent stations, {perStation} orders each, {Environment.ProcessorCount} cores");
// Warm-up: Azurite's V8 and .NET's tiered JIT keep speeding up for thousands of requests. 2,400 inserts (fewer left Azurite
// half warm), then rounds of 800 until this process compiles (almost) nothing more during one.
await RawInserts(storage, Stations, 150);
var rawWarmRounds = await WarmUntilJitQuiet(() => RawInserts(storage, Stations, 50));

var counter = new RequestCounter();
var kinds = new RequestKinds();
var journeyCounter = new RequestCounter(countEmptyQueuePolls: false);
var countyKey = "bench-" + Guid.NewGuid().ToString("N");
var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
var app = await LocalHostApp.CreateAsync([], new Dictionary<string, string?>
{
    ["AzureWebJobsStorage"] = storage, ["Commerce:CountyApiKey"] = countyKey, ["Commerce:StoragePrefix"] = prefix,
    ["urls"] = "http://127.0.0.1:0", ["Logging:LogLevel:Default"] = "Warning",
}, services =>
{
    services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(counter);
    services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(journeyCounter);
    services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(kinds);
});
await app.StartAsync();
var baseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/api/");
using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

var network = JsonNode.Parse(await Send(http, countyKey, HttpMethod.Get, "network", null))!;
var townships = network["stations"]!.AsArray().GroupBy(s => s!["townshipCode"]!.GetValue<string>()).ToList();
var origins = townships.Take(8).SelectMany(t => t.Take(2)).Select(s => s!["id"]!.GetValue<string>()).Take(Stations).ToList();
var buyers = townships.Skip(8).SelectMany(t => t.Skip(2).Take(3)).Select(s => s!["id"]!.GetValue<string>()).Take(Stations).ToList();
var originKeys = await Task.WhenAll(origins.Select(s => Key(http, countyKey, s)));
var buyerKeys = await Task.WhenAll(buyers.Select(s => Key(http, countyKey, s)));
var listings = await Task.WhenAll(originKeys.Select(k => Listing(http, k, 1_000_000)));

// Warm-up as for the raw inserts: rounds of orders, each routed before the next, until .NET's tiered JIT has settled
// (it keeps recompiling hot methods for thousands of requests; compiling took a third of a core in a burst after one round).
var orderWarmRounds = await WarmUntilJitQuiet(async () => await RoutingLag(app, (await Burst(http, buyerKeys, i => listings[i], 20)).Orders));

// (b) distinct listings: buyer i orders from origin i's listing. Measured in rounds, each: raw inserts, the orders (then
// routing catches up), and the same orders' storage work without the app. Interleaving puts the machine's drift (its
// cores are shared) on all three alike; every figure below is over all rounds.
const int Rounds = 3;
var latencies = new List<double>();
var placed = new List<string>();
var lags = new List<TimeSpan>();
double rawSeconds = 0, burstSeconds = 0, aloneSeconds = 0;
var cpuRaw = new Cpu(); var cpuBurst = new Cpu(); var cpuOrders = new Cpu();
long requestsInBursts = 0, requestsWithRouting = 0;
Counters.Busy = 0;
kinds.Reset();
for (var round = 0; round < Rounds; round++)
{
    var meter = new CpuMeter(AzuriteProcess.Started);
    rawSeconds += Stations * perStation / await RawInserts(storage, Stations, perStation);
    cpuRaw += meter.Total;

    var before = counter.Count;
    meter = new CpuMeter(AzuriteProcess.Started);
    kinds.Counting = true;
    var (rate, roundLatencies, roundPlaced) = await Burst(http, buyerKeys, i => listings[i], perStation);
    kinds.Counting = false;
    burstSeconds += roundPlaced.Count / rate;
    cpuBurst += meter.Total;
    requestsInBursts += counter.Count - before;
    latencies.AddRange(roundLatencies);
    placed.AddRange(roundPlaced);
    lags.Add(await RoutingLag(app, roundPlaced));
    cpuOrders += meter.Total;
    requestsWithRouting += counter.Count - before;

    aloneSeconds += Stations * perStation / await OrderStorageWork.StorageAloneAsync(storage, Stations, perStation, kinds.SendsPer(placed.Count));
}
var raw = Rounds * Stations * perStation / rawSeconds;
var ordersRate = placed.Count / burstSeconds;
var storageAlone = Rounds * Stations * perStation / aloneSeconds;
var (azuriteMsPerInsert, benchMsPerInsert) = cpuRaw.Per(Rounds * Stations * perStation);
var (azuriteMsInBurst, benchMsInBurst) = cpuBurst.Per(placed.Count);
var (azuriteMsPerOrder, benchMsPerOrder) = cpuOrders.Per(placed.Count);
Console.WriteLine($"measured in {Rounds} rounds, each: {Stations * perStation} raw inserts, {Stations * perStation} orders (then routing catches up), {Stations * perStation} orders' storage work alone");
Console.WriteLine($"raw Azurite single-entity inserts: {raw:F0}/s ({Stations} concurrent clients)");
Console.WriteLine($"orders (16 stations, distinct listings): {ordersRate:F0}/s  p50 {P(latencies, 50):F1} ms  p95 {P(latencies, 95):F1} ms  p99 {P(latencies, 99):F1} ms  ({placed.Count} orders)");
Console.WriteLine($"storage requests per order: {(double)requestsInBursts / placed.Count:F1} during the bursts, {(double)requestsWithRouting / placed.Count:F1} once routing caught up (queue polls included)");
Console.WriteLine($"  of which, per order: {kinds.PerItem(placed.Count)}");
Console.WriteLine($"routing lag: the last order was routed {string.Join(", ", lags.Select(l => $"{l.TotalSeconds:F1}"))} s after each burst ended");
if (azuriteMsPerInsert > 0)
    Console.WriteLine($"CPU per raw insert: Azurite {azuriteMsPerInsert:F2} ms, client {benchMsPerInsert:F2} ms;  per order (placement + routing): Azurite {azuriteMsPerOrder:F2} ms " +
        $"= {azuriteMsPerOrder / azuriteMsPerInsert:F1} raw inserts' worth, LocalHost + client {benchMsPerOrder:F2} ms");
if (azuriteMsPerInsert > 0)
    Console.WriteLine($"CPU during the bursts: Azurite {azuriteMsInBurst:F2} ms per order = {azuriteMsInBurst / azuriteMsPerInsert:F1} raw inserts' worth, " +
        $"busy {azuriteMsInBurst * placed.Count / (burstSeconds * 1000):P0} of a core; LocalHost + client {benchMsInBurst:F2} ms per order, busy {benchMsInBurst * placed.Count / (burstSeconds * 1000):P0} of a core");
Console.WriteLine($"warm-up: 2400 + {rawWarmRounds} x 800 raw inserts, {orderWarmRounds} x 320 orders (routed); JIT after it: {cpuRaw.JitMs:F0} ms during the raw inserts, " +
    $"{cpuBurst.JitMs:F0} ms during the bursts");
Console.WriteLine($"storage alone (each order's 2 transactions and {kinds.SendsPer(placed.Count):F2} message sends, issued straight from {Stations} clients): {storageAlone:F0}/s = {storageAlone / raw:F2} of raw inserts/s; " +
    $"the app through HTTP reaches {ordersRate / storageAlone:P0} of that");
Console.WriteLine($"ratio orders/s ÷ raw inserts/s: {ordersRate / raw:F2}  (goal ≥ 0.25)   p99/p50: {P(latencies, 99) / P(latencies, 50):F1}  (goal ≤ 10)");

// (c) hot listing: every station on one listing.
var hot = await Listing(http, originKeys[0], 1_000_000);
var (hotRate, hotLatencies, hotPlaced) = await Burst(http, buyerKeys, _ => hot, Math.Max(10, perStation / 4));
Console.WriteLine($"orders (16 stations, one hot listing): {hotRate:F0}/s  p50 {P(hotLatencies, 50):F1} ms  p99 {P(hotLatencies, 99):F1} ms  ({hotPlaced.Count} orders, {Counters.Busy} answered 409 busy)");
await RoutingLag(app, hotPlaced);

// (d) storage requests for one cross-township order, end to end: placement, routing, 8 hop scans, pickup.
// Counted at the storage client; idle queue polls are left out; the benchmark's own waiting uses an uncounted client.
var uncounted = new Lianhua.Commerce.Core.Orders.Storage.OrderStore(new CommerceStorage(new StorageOptions { ConnectionString = storage, Prefix = prefix }));
var hubKeys = new Dictionary<string, string>();
foreach (var hub in network["hubs"]!.AsArray()) hubKeys[hub!["id"]!.GetValue<string>()] = await Key(http, countyKey, hub["id"]!.GetValue<string>(), "hub");
for (var i = 0; i < Stations; i++) { hubKeys[origins[i]] = originKeys[i]; hubKeys[buyers[i]] = buyerKeys[i]; }
var journeyStart = journeyCounter.Count;
var placedJson = JsonNode.Parse(await Send(http, buyerKeys[0], HttpMethod.Post, "orders", new
{
    lines = new[] { new { listingId = listings[0], quantity = 1 } }, recipient = new { name = "王芳", phone = "13907990000" }, paymentMethod = "cod",
}, Guid.NewGuid().ToString("N")))!;
var placementOnly = journeyCounter.Count - journeyStart; // routing starts after the message's 1 s delay
var journeyOrder = placedJson["id"]!.GetValue<string>();
Lianhua.Commerce.Core.Orders.Order? routedOrder;
while ((routedOrder = await uncounted.FindAsync(journeyOrder, default))?.RoutedAt is null) await Task.Delay(50);
var afterRouting = journeyCounter.Count;
var scans = 0;
foreach (var shipment in routedOrder.Shipments)
{
    foreach (var leg in shipment.Legs)
        foreach (var (scanEvent, node) in new[] { ("depart", leg.From), ("arrive", leg.To) })
        {
            await Send(http, hubKeys[node], HttpMethod.Post, $"shipments/{shipment.Id}/scans", new { @event = scanEvent, nodeId = node }, Guid.NewGuid().ToString("N"));
            scans++;
        }
    await Send(http, hubKeys[shipment.DestinationStationId], HttpMethod.Post, $"shipments/{shipment.Id}/scans",
        new { @event = "pickup", nodeId = shipment.DestinationStationId, pickupCode = placedJson["pickupCode"]!.GetValue<string>() }, Guid.NewGuid().ToString("N"));
    scans++;
}
var journey = journeyCounter.Count - journeyStart;
Console.WriteLine($"storage requests for one delivered cross-township order: {journey} (placement {placementOnly}, routing {afterRouting - journeyStart - placementOnly}, {scans} scans {journey - (afterRouting - journeyStart)}; goal ≤ 60)");
var attribution = await Attributed(app, journeyOrder, journeyCounter, journeyStart + journey);
Console.WriteLine($"  then its attribution (no producers): {attribution} storage requests");

// (e) attribution of one delivered order whose listing has three producers (registered households): the requests from the
// pickup's answer until its outbox row is gone (the message's consumer: outbox read, order read, 3 household reads,
// 3 household entry transactions, the day's row, the outbox delete, the attention clean-up), queue polls left out.
var producers = new List<object>();
for (var i = 0; i < 3; i++)
{
    var household = JsonNode.Parse(await Send(http, countyKey, HttpMethod.Post, "households", new
    {
        name = "陈冬梅", nationalId = Households.NewNationalId(), townshipCode = network["stations"]!.AsArray().First(st => st!["id"]!.GetValue<string>() == origins[0])!["townshipCode"]!.GetValue<string>(),
        village = "路口村", stationId = origins[0], pairedUnit = "县商务局", registeredYear = 2016,
    }))!;
    producers.Add(new { householdId = household["id"]!.GetValue<string>(), shareBp = 3000 });
}
var produced = JsonNode.Parse(await Send(http, originKeys[0], HttpMethod.Post, "listings", new
{
    title = "莲花白莲 500g", category = "lotus-seed", unit = "bag", unitWeightGrams = 500, priceFen = 4550, stock = 10, producers,
}))!["id"]!.GetValue<string>();
var three = JsonNode.Parse(await Send(http, buyerKeys[0], HttpMethod.Post, "orders", new
{
    lines = new[] { new { listingId = produced, quantity = 1 } }, recipient = new { name = "王芳", phone = "13907990000" }, paymentMethod = "cod",
}, Guid.NewGuid().ToString("N")))!;
Lianhua.Commerce.Core.Orders.Order? threeRouted;
while ((threeRouted = await uncounted.FindAsync(three["id"]!.GetValue<string>(), default))?.RoutedAt is null) await Task.Delay(50);
foreach (var shipment in threeRouted.Shipments)
{
    foreach (var leg in shipment.Legs)
        foreach (var (scanEvent, node) in new[] { ("depart", leg.From), ("arrive", leg.To) })
            await Send(http, hubKeys[node], HttpMethod.Post, $"shipments/{shipment.Id}/scans", new { @event = scanEvent, nodeId = node }, Guid.NewGuid().ToString("N"));
    await Send(http, hubKeys[shipment.DestinationStationId], HttpMethod.Post, $"shipments/{shipment.Id}/scans",
        new { @event = "pickup", nodeId = shipment.DestinationStationId, pickupCode = three["pickupCode"]!.GetValue<string>() }, Guid.NewGuid().ToString("N"));
}
Console.WriteLine($"storage requests to attribute one delivered shipment with three producers: {await Attributed(app, three["id"]!.GetValue<string>(), journeyCounter, journeyCounter.Count)}");
await app.StopAsync();

return 0;

// Runs warm-up rounds until one compiles less than 50 ms of JIT in this process (at most 12): measure steady state, not start-up.
static async Task<int> WarmUntilJitQuiet(Func<Task> round)
{
    for (var rounds = 1; ; rounds++)
    {
        var jit = new CpuMeter(null);
        await round();
        if (jit.Jit.Ms < 50 || rounds == 12) return rounds;
    }
}

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static async Task<(double Rate, List<double> Latencies, List<string> Orders)> Burst(HttpClient http, string[] buyerKeys, Func<int, string> listingOf, int perStation)
{
    var latencies = new List<double>();
    var orders = new List<string>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(buyerKeys.Select((key, i) => Task.Run(async () =>
    {
        for (var n = 0; n < perStation; n++)
        {
            var started = Stopwatch.GetTimestamp();
            string body;
            try
            {
                body = await Send(http, key, HttpMethod.Post, "orders", new
                {
                    lines = new[] { new { listingId = listingOf(i), quantity = 1 } },
                    recipient = new { name = "王芳", phone = "13907990000" }, paymentMethod = "cod",
                }, Guid.NewGuid().ToString("N"));
            }
            catch (InvalidOperationException e) when (e.Message.Contains(": 409 "))
            {
                Interlocked.Increment(ref Counters.Busy); // contention past the retry budget: 409 + Retry-After, as designed
                continue;
            }
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (latencies) { latencies.Add(ms); orders.Add(JsonNode.Parse(body)!["id"]!.GetValue<string>()); }
        }
    })));
    return (latencies.Count / clock.Elapsed.TotalSeconds, latencies, orders);
}

// Waits until the order's ledger work is done (no outbox row left), then counts the requests since from (a poll's own reads uncounted).
static async Task<long> Attributed(WebApplication app, string orderId, RequestCounter counter, long from)
{
    var pending = app.Services.GetRequiredService<Lianhua.Commerce.Core.Attribution.Storage.PendingLedgerStore>();
    var station = Lianhua.Commerce.Core.Orders.OrderId.Parse(orderId)!.Value.StationId;
    var clock = Stopwatch.StartNew();
    while (true)
    {
        var before = counter.Count;
        var owed = (await pending.ListAsync(station, default)).Any(w => w.OrderId == orderId);
        from += counter.Count - before;
        if (!owed) return counter.Count - from;
        if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("attribution did not happen in 2 minutes");
        await Task.Delay(100);
    }
}

static async Task<TimeSpan> RoutingLag(WebApplication app, List<string> orders)
{
    var store = app.Services.GetRequiredService<Lianhua.Commerce.Core.Orders.Storage.OrderStore>();
    var clock = Stopwatch.StartNew();
    foreach (var id in orders)
        while ((await store.FindAsync(id, default))?.RoutedAt is null)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("routing did not catch up in 5 minutes");
            await Task.Delay(50);
        }
    return clock.Elapsed;
}

static async Task<double> RawInserts(string connection, int clients, int perClient)
{
    var table = new TableClient(connection, "bench" + Guid.NewGuid().ToString("N")[..8]);
    await table.CreateIfNotExistsAsync();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        for (var n = 0; n < perClient; n++)
            await table.AddEntityAsync(new TableEntity($"p{c}", $"r{n:D6}") { ["Quantity"] = 1L, ["Title"] = "莲花白莲" });
    })));
    return clients * perClient / clock.Elapsed.TotalSeconds;
}

static async Task<string> Key(HttpClient http, string county, string scopeId, string role = "station") =>
    JsonNode.Parse(await Send(http, county, HttpMethod.Post, "keys", new { role, scopeId }))!["key"]!.GetValue<string>();

static async Task<string> Listing(HttpClient http, string key, long stock) =>
    JsonNode.Parse(await Send(http, key, HttpMethod.Post, "listings", new
    {
        title = "莲花血鸭 1只", category = "duck", unit = "只", unitWeightGrams = 1500, priceFen = 8800, stock, producers = Array.Empty<object>(),
    }))!["id"]!.GetValue<string>();

static async Task<string> Send(HttpClient http, string key, HttpMethod method, string path, object? body, string? idempotencyKey = null)
{
    using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    request.Headers.Add("X-Api-Key", key);
    if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
}

static class Counters
{
    public static int Busy;
}

/// <summary>Storage requests by kind (method, table or queue, transaction or not): what an order's requests are.</summary>
sealed class RequestKinds : Azure.Core.Pipeline.HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> counts = new();

    public void Reset() => counts.Clear();

    /// <summary>Only requests made while this is true are counted.</summary>
    public volatile bool Counting;

    public double SendsPer(int items) => (double)counts.Where(c => c.Key.StartsWith("POST queue message")).Sum(c => c.Value) / items;

    public string PerItem(int items) => string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {(double)c.Value / items:F2}"));

    public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException();

    public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (!Counting) return;
        var path = message.Request.Uri.Path;
        var what = path.EndsWith("$batch") ? "transaction" : path.Contains("/messages") ? "queue message" : path.Contains('(') ? "entity" : "other";
        counts.AddOrUpdate($"{message.Request.Method} {what} {message.Response.Status}", 1, (_, n) => n + 1);
    }
}

/// <summary>CPU time spent by Azurite (when this process started it) and by this process (LocalHost + the clients) since creation.</summary>
sealed class CpuMeter(Process? azurite)
{
    private readonly TimeSpan azuriteStart = Azurite(azurite), selfStart = Process.GetCurrentProcess().TotalProcessorTime,
        jitStart = System.Runtime.JitInfo.GetCompilationTime();
    private readonly long methodsStart = System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>Time this process spent compiling (JIT) since creation, and how many methods: near zero once warm.</summary>
    public (double Ms, long Methods) Jit => ((System.Runtime.JitInfo.GetCompilationTime() - jitStart).TotalMilliseconds, System.Runtime.JitInfo.GetCompiledMethodCount() - methodsStart);

    private static TimeSpan Azurite(Process? p) { if (p is null) return TimeSpan.Zero; p.Refresh(); return p.TotalProcessorTime; }

    public Cpu Total => new(PerItem(1).AzuriteMs, PerItem(1).SelfMs, Jit.Ms);

    public (double AzuriteMs, double SelfMs) PerItem(int items) =>
        ((Azurite(azurite) - azuriteStart).TotalMilliseconds / items, (Process.GetCurrentProcess().TotalProcessorTime - selfStart).TotalMilliseconds / items);
}

/// <summary>CPU time added up over measured phases (see <see cref="CpuMeter"/>).</summary>
readonly record struct Cpu(double AzuriteMs, double SelfMs, double JitMs)
{
    public static Cpu operator +(Cpu a, Cpu b) => new(a.AzuriteMs + b.AzuriteMs, a.SelfMs + b.SelfMs, a.JitMs + b.JitMs);

    public (double AzuriteMs, double SelfMs) Per(int items) => (AzuriteMs / items, SelfMs / items);
}

static class Households
{
    /// <summary>A valid, made-up national ID of Lianhua County: a random birth date and sequence, the right check character.</summary>
    public static string NewNationalId()
    {
        var first17 = $"360321{new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 50 * 365)):yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        return first17 + Lianhua.Commerce.Core.Households.NationalId.CheckCharacter(first17);
    }
}
