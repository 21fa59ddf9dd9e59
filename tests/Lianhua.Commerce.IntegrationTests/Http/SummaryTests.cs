using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Summaries;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Lianhua.Commerce.IntegrationTests.Http.SummaryFlow;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Sales summaries through LocalHost and Azurite with the clock set: deliveries on three China days (one just before and one just
/// after midnight China time), the daily timer run invoked as the host would, a late posting, a missed run, concurrent runs;
/// every day, month and the cumulative figures against the ledger and the households' entries.
/// </summary>
public sealed class SummaryTests(SummaryHost host) : IClassFixture<SummaryHost>
{
    private readonly SummaryFlow _flow = new(host);

    [Fact]
    public async Task ThreeChinaDays_AroundMidnight_SnapshotsMatchTheLedger_MonthsAddUp_LateWorkMarksStale_RunsCatchUpOnce()
    {
        // Days two months ahead of the real date, so the clock only ever moves forward.
        var m = BusinessDay.Of(DateTimeOffset.UtcNow) is var real ? new DateOnly(real.Year, real.Month, 1).AddMonths(2) : default;
        DateOnly d1 = m.AddDays(9), d2 = d1.AddDays(1), d3 = d1.AddDays(3), today = m.AddMonths(1).AddDays(2);
        DateTimeOffset At(DateOnly day, double hours) => BusinessDay.StartUtc(day).AddHours(hours);

        var (abc, l1) = await _flow.Ledger.ListingOfThree([5000, 3000, 1500]);                 // 路口镇, lotus-seed, 4550 fen
        var de = new[] { await Register(), await Register() };
        var l2 = await TestData.NewListingId(await _flow.Ledger.Nodes.KeyOf(SellerB), Bodies.Listing("莲花山茶油 500ml", priceFen: 12800, stock: 50,
            category: "camellia-oil", unit: "bottle", producers: [new(de[0], 4000), new(de[1], 4000)]));  // 良坊镇
        var households = abc.Concat(de).ToArray();

        var y = await _flow.Routed((l1, 2));
        Assert.Equal(HttpStatusCode.OK, (await _flow.PickUp(y.Order, y.Shipments[0], At(d1, 10))).Status);
        var x = await _flow.Routed((l1, 1), (l2, 1));    // two shipments: income on each pickup's day, the order on the last one's
        Assert.Equal(HttpStatusCode.OK, (await _flow.PickUp(x.Order, x.Shipments.Single(s => s["originStationId"]!.GetValue<string>() == LedgerFlow.Seller), At(d2, 0) - TimeSpan.FromMinutes(1))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _flow.PickUp(x.Order, x.Shipments.Single(s => s["originStationId"]!.GetValue<string>() == SellerB), At(d2, 0) + TimeSpan.FromSeconds(30))).Status);
        var w = await _flow.Routed((l1, 3));             // its message is lost: its entries come late, for d2
        host.Faults.Add(new("lose w's message", FaultFlow.Send($"{host.Prefix}-shipments-delivered"), AfterSend: false, Skip: 0));
        await _flow.PickUp(w.Order, w.Shipments[0], At(d2, 13));
        host.Faults.Clear();
        var z = await _flow.Routed((l2, 2));
        Assert.Equal(HttpStatusCode.OK, (await _flow.PickUp(z.Order, z.Shipments[0], At(d3, 11))).Status);
        host.SetNow(At(d3, 12));
        var refund = await (await _flow.Ledger.Nodes.KeyOf(LedgerFlow.Buyer)).Post($"orders/{y.Order["id"]}/refunds",
            new { lines = new[] { new { listingId = l1, quantity = 1 } }, reason = "破损" }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Created, refund.Status);
        await Eventually.True(async () => (await _flow.Ledger.Owed()).Count == 1, 30, "the deliveries were not attributed");

        // 02:00 China time on the day after d3: the run builds every day since the first sale; a second run changes nothing.
        host.SetNow(At(d3.AddDays(1), 2));
        await _flow.RunTimer();
        var first = new Dictionary<DateOnly, JsonNode>();
        foreach (var day in new[] { d1, d1.AddDays(1), d1.AddDays(2), d3 }) first[day] = await _flow.Get($"summaries/daily/{day:yyyy-MM-dd}");
        await _flow.RunTimer();
        foreach (var (day, snapshot) in first) Assert.Equal(snapshot.ToJsonString(), (await _flow.Get($"summaries/daily/{day:yyyy-MM-dd}")).ToJsonString());
        foreach (var day in first.Keys) await AssertMatchesLedger(day, first[day], households);
        Assert.Equal((1L, 9100L, 0L), (L(first[d1], "ordersDelivered"), L(first[d1], "gmvFen"), L(first[d1], "refundsFen")));
        Assert.Equal((1L, 4550L + 12800), (L(first[d2], "ordersDelivered"), L(first[d2], "gmvFen")));
        Assert.Equal((0L, 0L, 0L), (L(first[d1.AddDays(2)], "ordersDelivered"), L(first[d1.AddDays(2)], "gmvFen"), L(first[d1.AddDays(2)], "householdIncomeFen")));
        Assert.Equal(4550L, L(first[d3], "refundsFen"));
        Assert.Equal(14, first[d1]["byTownship"]!.AsArray().Count); // every township of the network (13 and the farm), zeros included
        Assert.Equal("路口镇", first[d1]["byTownship"]!.AsArray().Single(t => t!["townshipCode"]!.GetValue<string>() == "360321101")!["name"]!.GetValue<string>());

        // The late posting for d2 marks d2 stale (its figures unchanged) until the county rebuilds it.
        var wShipment = w.Shipments[0]["id"]!.GetValue<string>();
        var writer = host.App.Services.GetRequiredService<LedgerWriter>();
        Assert.Equal(LedgerOutcome.Written, await writer.WriteAsync(new LedgerWork(LedgerWork.Delivery, w.Order["id"]!.GetValue<string>(), wShipment, At(d2, 13)), default));
        var stale = await _flow.Get($"summaries/daily/{d2:yyyy-MM-dd}");
        Assert.True(stale["stale"]!.GetValue<bool>());
        Assert.Equal(L(first[d2], "gmvFen"), L(stale, "gmvFen"));
        Assert.Contains((await _flow.Get("attention"))["summaryDays"]!.AsArray(), s => s!["date"]!.GetValue<string>() == $"{d2:yyyy-MM-dd}" && s["state"]!.GetValue<string>() == "stale");
        var rebuilt = await Rebuild(d2);
        Assert.False(rebuilt["stale"]!.GetValue<bool>());
        Assert.Equal((2L, 4550L + 12800 + 3 * 4550), (L(rebuilt, "ordersDelivered"), L(rebuilt, "gmvFen")));
        await AssertMatchesLedger(d2, rebuilt, households);
        Assert.Equal(Without(rebuilt, "builtAt"), Without(await Rebuild(d2), "builtAt"));
        Assert.Empty((await _flow.Get("attention"))["summaryDays"]!.AsArray());

        // Runs missed on two days: both days are listed missing, and the next run builds them.
        host.SetNow(At(d3.AddDays(3), 2));
        var missing = (await _flow.Get("attention"))["summaryDays"]!.AsArray().Select(s => (s!["date"]!.GetValue<string>(), s["state"]!.GetValue<string>()));
        Assert.Equal([($"{d3.AddDays(2):yyyy-MM-dd}", "missing"), ($"{d3.AddDays(1):yyyy-MM-dd}", "missing")], missing);
        await _flow.RunTimer();
        Assert.Empty((await _flow.Get("attention"))["summaryDays"]!.AsArray());

        // Two runs and three readers at once for the next day: one snapshot, which everyone answers.
        host.SetNow(At(d3.AddDays(4), 2));
        var snapshots = host.App.Services.GetRequiredService<DaySnapshots>();
        var built = Enumerable.Range(0, 3).Select(_ => snapshots.GetOrBuildAsync(d3.AddDays(3), rebuild: false, default)).ToList();
        await Task.WhenAll(built.Cast<Task>().Append(_flow.RunTimer()).Append(_flow.RunTimer()));
        var stored = (await _flow.Get($"summaries/daily/{d3.AddDays(3):yyyy-MM-dd}"))["builtAt"]!.GetValue<string>();
        Assert.All(built, b => Assert.Equal(stored, Core.Orders.OrderView.Instant(b.Result.BuiltAt)));

        // Next month, today: a provisional delivery; the month is its days, the cumulative figures its months.
        var v = await _flow.Routed((l2, 1));
        Assert.Equal(HttpStatusCode.OK, (await _flow.PickUp(v.Order, v.Shipments[0], At(today, 3))).Status);
        await Eventually.True(async () => (await _flow.Ledger.Owed()).Count == 0, 30, "v was not attributed");
        await _flow.RunTimer();
        var provisional = await _flow.Get($"summaries/daily/{today:yyyy-MM-dd}");
        Assert.Equal((1L, 12800L, false), (L(provisional, "ordersDelivered"), L(provisional, "gmvFen"), provisional["stale"]!.GetValue<bool>()));
        var month = await _flow.Get($"summaries/monthly/{m:yyyy-MM}");
        var days = new List<JsonNode>();
        for (var day = m; day < m.AddMonths(1); day = day.AddDays(1)) days.Add(await _flow.Get($"summaries/daily/{day:yyyy-MM-dd}"));
        AssertIsSum(month, days);
        Assert.Equal(households.Length, L(month, "householdsReached")); // distinct over the month, though each sold on several days
        var next = await _flow.Get($"summaries/monthly/{m.AddMonths(1):yyyy-MM}");
        Assert.Equal((1L, 12800L), (L(next, "ordersDelivered"), L(next, "gmvFen")));
        var cumulative = await _flow.Get("summaries/cumulative");
        AssertIsSum(cumulative, [month, next]);
        Assert.Equal("cumulative", cumulative["period"]!.GetValue<string>());
        await AssertHouseholdsReconcile(households, m, today, month, cumulative);
    }

    private async Task<string> Register() => (await HouseholdData.Register(host, SellerB))["id"]!.GetValue<string>();

    private async Task<JsonNode> Rebuild(DateOnly day)
    {
        var answer = await host.County().Post($"summaries/daily/{day:yyyy-MM-dd}/rebuild", null);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer.Json;
    }

    private static string Without(JsonNode node, string field)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(field);
        return copy.ToJsonString();
    }

    /// <summary>The snapshot is exactly the day's DailyLedger rows, and each household's sale entries of the day are its part of the income.</summary>
    private async Task AssertMatchesLedger(DateOnly day, JsonNode snapshot, string[] households)
    {
        var rows = await _flow.LedgerDay(day);
        var sales = rows.Where(r => !r.Refund).ToList();
        Assert.Equal(sales.Count(r => r.Completes), L(snapshot, "ordersDelivered"));
        Assert.Equal(sales.Where(r => r.Completes).Sum(r => r.OrderTotalFen), L(snapshot, "gmvFen"));
        Assert.Equal(sales.Sum(r => r.Lines.Sum(l => l.Households.Sum(h => h.AmountFen))), L(snapshot, "householdIncomeFen"));
        Assert.Equal(rows.Where(r => r.Refund).Sum(r => r.Lines.Sum(l => l.AmountFen)), L(snapshot, "refundsFen"));
        foreach (var t in snapshot["byTownship"]!.AsArray())
            Assert.Equal(sales.Sum(r => r.Lines.Where(l => l.ListingTownshipCode == t!["townshipCode"]!.GetValue<string>()).Sum(l => l.Households.Sum(h => h.AmountFen))),
                L(t!, "householdIncomeFen"));
        Assert.Equal(L(snapshot, "gmvFen"), snapshot["byTownship"]!.AsArray().Sum(t => L(t!, "gmvFen")));
        Assert.Equal(L(snapshot, "gmvFen"), snapshot["byCategory"]!.AsArray().Sum(c => L(c!, "gmvFen")));
        var reached = 0;
        foreach (var h in households)
        {
            var part = sales.Sum(r => r.Lines.Sum(l => l.Households.Where(p => p.HouseholdId == h).Sum(p => p.AmountFen)));
            Assert.Equal(part, await _flow.HouseholdEntries(h, day, day, LedgerEntry.Sale));
            Assert.Equal(rows.Where(r => r.Refund).Sum(r => r.Lines.Sum(l => l.Households.Where(p => p.HouseholdId == h).Sum(p => p.AmountFen))),
                await _flow.HouseholdEntries(h, day, day, LedgerEntry.Reversal));
            if (part > 0) reached++;
        }
        Assert.Equal(reached, L(snapshot, "householdsReached"));
    }

    /// <summary>For the month and for all time: the households' sale entries add up to householdIncomeFen, their reversals to their part of the refunds.</summary>
    private async Task AssertHouseholdsReconcile(string[] households, DateOnly m, DateOnly today, JsonNode month, JsonNode cumulative)
    {
        foreach (var (from, to, period) in new[] { (m, m.AddMonths(1).AddDays(-1), month), (m, today, cumulative) })
        {
            var income = 0L;
            var reversed = 0L;
            foreach (var h in households)
            {
                income += await _flow.HouseholdEntries(h, from, to, LedgerEntry.Sale);
                reversed += await _flow.HouseholdEntries(h, from, to, LedgerEntry.Reversal);
            }
            Assert.Equal(L(period, "householdIncomeFen"), income);
            Assert.Equal(2275 + 1365 + 683, reversed); // the refunded unit (4550 fen) split 50/30/15 %, the half fen to the household
            Assert.True(L(period, "refundsFen") >= reversed);
        }
    }

    private static void AssertIsSum(JsonNode total, IReadOnlyList<JsonNode> parts)
    {
        foreach (var field in new[] { "ordersDelivered", "gmvFen", "householdIncomeFen", "refundsFen" })
            Assert.Equal(parts.Sum(p => L(p, field)), L(total, field));
        Assert.True(L(total, "householdsReached") <= parts.Sum(p => L(p, "householdsReached")));
        foreach (var t in total["byTownship"]!.AsArray())
            foreach (var field in new[] { "ordersDelivered", "gmvFen", "householdIncomeFen" })
                Assert.Equal(parts.Sum(p => L(p["byTownship"]!.AsArray().Single(pt => pt!["townshipCode"]!.GetValue<string>() == t!["townshipCode"]!.GetValue<string>())!, field)), L(t!, field));
        foreach (var c in total["byCategory"]!.AsArray())
            Assert.Equal(parts.Sum(p => p["byCategory"]!.AsArray().Where(pc => pc!["category"]!.GetValue<string>() == c!["category"]!.GetValue<string>()).Sum(pc => L(pc!, "gmvFen"))), L(c!, "gmvFen"));
    }
}
