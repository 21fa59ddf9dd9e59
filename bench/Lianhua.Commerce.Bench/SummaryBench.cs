using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.Core.Summaries;
using Lianhua.Commerce.Core.Summaries.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>
/// `-- summaries [otherRows=1000000]`: (1) building one day's snapshot from 10,000 deliveries, in tables where that day is all
/// there is and in tables that also hold <c>otherRows</c> ledger rows of other days, measured alternately in one run (a ratio);
/// (2) the storage requests of the cumulative report over three years of day snapshots. Rows go straight into the tables.
/// </summary>
static class SummaryBench
{
    private const string County = "360321";
    private const int DayDeliveries = 10_000;
    private static readonly TimeSpan InsertBudget = TimeSpan.FromSeconds(150);

    public static async Task RunAsync(string connection, int otherRows)
    {
        var day = BusinessDay.Of(DateTimeOffset.UtcNow).AddDays(-1);
        var alone = Services(connection, "sa" + Guid.NewGuid().ToString("N")[..6]);
        var crowded = Services(connection, "sc" + Guid.NewGuid().ToString("N")[..6]);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Insert(alone.Storage, [day], DayDeliveries), Insert(crowded.Storage, [day], DayDeliveries));
        Console.WriteLine($"# summaries: {DayDeliveries} deliveries on {BusinessDay.Format(day)} inserted into two table sets in {watch.Elapsed.TotalSeconds:F0} s");
        watch.Restart();
        var others = Enumerable.Range(1, 1000).Select(i => day.AddDays(-i)).ToArray(); // 1000 other days, the rows spread over them
        // Azurite keeps a table in one in-memory collection and slows down as it grows: the insert stops after InsertBudget,
        // and the run says how many rows the other days got.
        var inserted = await Insert(crowded.Storage, others, otherRows / others.Length, InsertBudget);
        otherRows = inserted;
        Console.WriteLine($"{inserted} rows of other days (up to {others.Length} days) inserted in {watch.Elapsed.TotalSeconds:F0} s " +
                          $"({inserted / watch.Elapsed.TotalSeconds:F0} rows/s)");
        var (aloneTimes, crowdedTimes) = (new List<double>(), new List<double>());
        var (aloneBefore, crowdedBefore) = (alone.Counter.Count, crowded.Counter.Count);
        for (var round = 0; round < 5; round++)
        {
            aloneTimes.Add(await Build(alone, day));
            crowdedTimes.Add(await Build(crowded, day));
        }
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        Console.WriteLine($"building the day's snapshot (median of 5, alternating): alone {Median(aloneTimes):F0} ms, with {otherRows} rows on other days " +
                          $"{Median(crowdedTimes):F0} ms, ratio {Median(crowdedTimes) / Median(aloneTimes):F2}; requests per build: {(alone.Counter.Count - aloneBefore) / 5}, {(crowded.Counter.Count - crowdedBefore) / 5}");
        await Cumulative(connection, day);
    }

    private static async Task Cumulative(string connection, DateOnly yesterday)
    {
        var s = Services(connection, "su" + Guid.NewGuid().ToString("N")[..6]);
        var days = Enumerable.Range(0, 3 * 365 + 1).Select(i => yesterday.AddDays(-i)).ToArray();
        await Insert(s.Storage, days, 3);
        var catchUp = new SummaryCatchUp(s.Days, s.Store, s.Ledger, s.Options, Options.Create(new SummaryOptions { CatchUpDays = 1200 }), NullLogger<SummaryCatchUp>.Instance);
        var watch = Stopwatch.StartNew();
        var built = await catchUp.RunAsync(default);
        Console.WriteLine($"cumulative: {days.Length} days of 3 deliveries; the daily run built {built} snapshots in {watch.Elapsed.TotalSeconds:F0} s");
        foreach (var label in new[] { "first (builds the month roll-ups)", "second" })
        {
            var before = s.Counter.Count;
            watch.Restart();
            var figures = await s.Periods.CumulativeAsync(default);
            Console.WriteLine($"cumulative report, {label}: {s.Counter.Count - before} storage requests for {days.Length + 1} days " +
                              $"(≤ one per day: {s.Counter.Count - before <= days.Length + 1}), {watch.ElapsedMilliseconds} ms, {figures.OrdersDelivered} orders");
        }
    }

    private static async Task<double> Build(Parts s, DateOnly day)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = await s.Days.GetOrBuildAsync(day, rebuild: true, default);
        if (snapshot.Figures.OrdersDelivered != DayDeliveries) throw new InvalidOperationException($"{snapshot.Figures.OrdersDelivered} orders built");
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Delivered one-line orders with two producers, <paramref name="perDay"/> a day, in transactions of 100, 16 at a time, a
    /// round of one transaction per day after another (so a time-boxed insert still spreads over the days); the rows inserted.
    /// </summary>
    private static async Task<int> Insert(CommerceStorage storage, DateOnly[] days, int perDay, TimeSpan? budget = null)
    {
        // A table per day, as LedgerStore writes them.
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (d, ct) => await storage.Table(DailyLedgerEntity.Table(d)).CreateIfNotExistsAsync(ct));
        var until = DateTime.UtcNow + (budget ?? TimeSpan.FromHours(1));
        var inserted = 0;
        var batches = Enumerable.Range(0, (perDay + 99) / 100).SelectMany(b => days.Select(d => (Day: d, From: b * 100, Count: Math.Min(100, perDay - b * 100))));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (b, ct) =>
        {
            if (DateTime.UtcNow > until) return;
            await storage.Table(DailyLedgerEntity.Table(b.Day)).SubmitTransactionAsync(Enumerable.Range(b.From, b.Count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(b.Day, i))), ct);
            if (Interlocked.Add(ref inserted, b.Count) % 50_000 < b.Count) Console.WriteLine($"  {inserted} rows inserted");
        });
        return inserted;
    }

    private static DailyLedgerEntity Row(DateOnly day, int i)
    {
        var township = $"36032110{i % 5}";
        var line = new DailyLedgerLine($"{township}-listing{i % 40}", township, i % 2 == 0 ? "lotus-seed" : "rice", 2, 9100,
            [new HouseholdAmount($"360321-st-{township}-01-h{i % 300:x16}", 4550), new HouseholdAmount($"360321-st-{township}-01-h{(i + 7) % 300:x16}", 2730)], 1820);
        return new DailyLedgerEntity
        {
            PartitionKey = DailyLedgerEntity.Partition(County, day), RowKey = DailyLedgerEntity.Row(LedgerWork.Delivery, $"s{i:D6}"), Kind = LedgerWork.Delivery,
            OrderId = $"o{i:D6}", At = BusinessDay.StartUtc(day).AddHours(10), CompletesOrder = true, OrderTotalFen = 9100,
            Lines = JsonSerializer.Serialize(new[] { line }, Lianhua.Commerce.Core.Common.Json.Options),
            OrderLines = JsonSerializer.Serialize(new[] { new CompletedOrderLine(township, line.Category, 2, 9100) }, Lianhua.Commerce.Core.Common.Json.Options),
        };
    }

    private sealed record Parts(CommerceStorage Storage, RequestCounter Counter, LedgerStore Ledger, SummaryStore Store, DaySnapshots Days,
        PeriodFigures Periods, IOptions<CommerceOptions> Options);

    private static Parts Services(string connection, string prefix)
    {
        var counter = new RequestCounter();
        var storage = new CommerceStorage(new StorageOptions { ConnectionString = connection, Prefix = prefix }, [counter]);
        new StorageInitializer(storage).EnsureCreatedAsync().GetAwaiter().GetResult();
        var options = Options.Create(new CommerceOptions { CountyCode = County });
        var (ledger, store) = (new LedgerStore(storage), new SummaryStore(storage));
        var days = new DaySnapshots(ledger, store, options, TimeProvider.System, NullLogger<DaySnapshots>.Instance);
        return new Parts(storage, counter, ledger, store, days, new PeriodFigures(days, store, ledger, options, TimeProvider.System), options);
    }
}
