using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Summaries;

namespace Lianhua.Commerce.Core.Tests.Summaries;

public sealed class DayFiguresTests
{
    private static readonly DateOnly Day = new(2026, 11, 28);

    private static DailyLedgerLine Line(string township, string category, long quantity, long amount, params (string Id, long Fen)[] households) =>
        new("l-" + township, township, category, quantity, amount, households.Select(h => new HouseholdAmount(h.Id, h.Fen)).ToList(),
            amount - households.Sum(h => h.Fen));

    private static LedgerPosting Delivery(string id, bool completes, long total, IReadOnlyList<DailyLedgerLine> lines, IReadOnlyList<CompletedOrderLine>? orderLines = null) =>
        new(LedgerWork.Delivery, "o-" + id, id, DateTimeOffset.UnixEpoch, Day, completes, completes ? total : 0, lines, [], orderLines);

    [Fact]
    public void AnOrderCountsOnItsLastPickup_ByAllItsLines_WhileIncomeCountsOnEachPickup()
    {
        // The first shipment (101's lotus seed) was picked up the day before: only the second is in this day's partition.
        var completing = Delivery("s2", true, 13000, [Line("102", "camellia-oil", 1, 9000, ("h2", 4000))],
            [new("101", "lotus-seed", 2, 4000), new("102", "camellia-oil", 1, 9000)]);
        var f = DayFigures.From([completing, Delivery("s3", false, 0, [Line("101", "lotus-seed", 1, 2000, ("h1", 1000), ("h2", 500))])]);

        Assert.Equal((1L, 13000L, 5500L, 0L), (f.OrdersDelivered, f.GmvFen, f.HouseholdIncomeFen, f.RefundsFen));
        Assert.Equal([new TownshipFigures("101", 1, 4000, 1500), new TownshipFigures("102", 1, 9000, 4000)], f.Townships);
        Assert.Equal([new CategoryFigures("camellia-oil", 9000, 1), new CategoryFigures("lotus-seed", 4000, 2)], f.Categories);
        Assert.Equal(["h1", "h2"], f.Households);
    }

    [Fact]
    public void RefundsCountOnTheirDay_AndReachNoHousehold()
    {
        var refund = new LedgerPosting(LedgerWork.Refund, "o-1", "r1", DateTimeOffset.UnixEpoch, Day, false, 0, [Line("101", "rice", 1, 4550, ("h1", 2275))], []);
        var f = DayFigures.From([refund]);
        Assert.Equal((0L, 0L, 4550L, 0), (f.GmvFen, f.HouseholdIncomeFen, f.RefundsFen, f.Households.Count));
    }

    [Fact]
    public void TheSamePostingsInAnyOrder_GiveEqualFigures()
    {
        var postings = Enumerable.Range(0, 20).Select(i => Delivery($"s{i}", i % 3 == 0, 1000 + i,
            [Line($"10{i % 4}", $"c{i % 5}", 1, 1000 + i, ($"h{i % 7}", 500))])).ToList();
        var a = DayFigures.From(postings);
        var b = DayFigures.From(postings.AsEnumerable().Reverse());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
    }

    [Fact]
    public void Periods_AddUp_WithHouseholdsReachedAUnion()
    {
        var one = DayFigures.From([Delivery("a", true, 1000, [Line("101", "rice", 1, 1000, ("h1", 600))])]);
        var two = DayFigures.From([Delivery("b", true, 2000, [Line("102", "rice", 2, 2000, ("h1", 700), ("h2", 300))])]);
        var sum = SalesFigures.Sum([one, two]);
        Assert.Equal((2L, 3000L, 1600L), (sum.OrdersDelivered, sum.GmvFen, sum.HouseholdIncomeFen));
        Assert.Equal(["h1", "h2"], sum.Households);
        Assert.Equal([new CategoryFigures("rice", 3000, 3)], sum.Categories);
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(5, "0.05")]
    [InlineData(123456, "1234.56")]
    [InlineData(68_650_000_00, "68650000.00")]
    [InlineData(-150, "-1.50")]
    public void Yuan_IsFenWithTwoDecimals(long fen, string yuan) => Assert.Equal(yuan, SummaryCsv.Yuan(fen));
}
