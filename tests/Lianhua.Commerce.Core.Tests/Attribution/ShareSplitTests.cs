using CsCheck;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Listings;

namespace Lianhua.Commerce.Core.Tests.Attribution;

public sealed class ShareSplitTests
{
    /// <summary>Up to 10 producers (a listing's most) whose shares add up to at most 10000 basis points.</summary>
    private static readonly Gen<IReadOnlyList<Producer>> Producers =
        Gen.Int[1, 10_000].Array[0, 10].Where(a => a.Sum() <= ShareSplit.WholeBp)
            .Select(a => (IReadOnlyList<Producer>)a.Select((bp, i) => new Producer($"hh-{i}", bp)).ToList());

    [Fact]
    public void Split_AnyTotalAndShares_AddsUpExactly_EachWithinOneFenOfItsShare_NoneNegative() =>
        Gen.Select(Gen.Long[0, 1_000_000_000_000], Producers).Sample((total, producers) =>
        {
            var split = ShareSplit.Of(total, producers);
            Assert.Equal(total, split.Households.Sum(h => h.AmountFen) + split.RestFen);
            Assert.Equal(producers.Select(p => p.HouseholdId), split.Households.Select(h => h.HouseholdId));
            var restBp = ShareSplit.WholeBp - producers.Sum(p => p.ShareBp);
            foreach (var (amount, bp) in split.Households.Select((h, i) => (h.AmountFen, producers[i].ShareBp)).Append((split.RestFen, restBp)))
            {
                Assert.True(amount >= 0);
                // |amount − total × bp / 10000| < 1 fen, in whole numbers.
                Assert.True(Math.Abs((decimal)amount * ShareSplit.WholeBp - (decimal)total * bp) < ShareSplit.WholeBp, $"{amount} for {bp} bp of {total}");
            }
        }, iter: 5_000);

    [Theory]
    [InlineData(100, new[] { 3333, 3333, 3334 }, new long[] { 33, 33, 34 }, 0)]
    [InlineData(1, new[] { 5000, 5000 }, new long[] { 1, 0 }, 0)]
    [InlineData(10, new[] { 2500 }, new long[] { 3 }, 7)]
    [InlineData(4550, new[] { 6000, 3000 }, new long[] { 2730, 1365 }, 455)]
    [InlineData(0, new[] { 5000 }, new long[] { 0 }, 0)]
    public void Split_Examples(long total, int[] shares, long[] expected, long rest)
    {
        var split = ShareSplit.Of(total, shares.Select((bp, i) => new Producer($"hh-{i}", bp)).ToList());
        Assert.Equal(expected, split.Households.Select(h => h.AmountFen));
        Assert.Equal(rest, split.RestFen);
    }

    [Fact]
    public void Split_SharesOverTheWhole_IsABug() =>
        Assert.Throws<ArgumentException>(() => ShareSplit.Of(100, [new("a", 6000), new("b", 5000)]));
}
