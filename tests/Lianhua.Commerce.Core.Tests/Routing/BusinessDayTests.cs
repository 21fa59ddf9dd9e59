using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class BusinessDayTests
{
    [Theory]
    [InlineData("2026-11-28T15:59:59Z", "2026-11-28")]
    [InlineData("2026-11-28T16:00:00Z", "2026-11-29")]
    [InlineData("2026-11-28T00:00:00+08:00", "2026-11-28")]
    [InlineData("2026-12-31T16:00:00Z", "2027-01-01")]
    public void Of_UsesChinaTimeWithoutDst(string instant, string expected) =>
        Assert.Equal(expected, BusinessDay.Format(BusinessDay.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void StartUtc_IsFourPmUtcTheDayBefore() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero), BusinessDay.StartUtc(new DateOnly(2026, 11, 29)));

    [Fact]
    public void RunKeyId_IsReadableSafeAndStable()
    {
        var key = new RunKey("st-360321101-01", "hub-360321101", new DateOnly(2026, 11, 28));
        Assert.Equal("st-360321101-01_hub-360321101_20261128", key.Id);
        Assert.Equal(key, new RunKey("st-360321101-01", "hub-360321101", new DateOnly(2026, 11, 28)));
        Assert.NotEqual(key.Id, new RunKey("hub-360321101", "st-360321101-01", new DateOnly(2026, 11, 28)).Id);
    }

    [Fact]
    public void RunKeyId_WithUnderscoreOrLongNodeIds_IsHashedSoItCannotCollideOrOverflow()
    {
        var a = new RunKey("a_b", "c", new DateOnly(2026, 11, 28));
        var b = new RunKey("a", "b_c", new DateOnly(2026, 11, 28));
        var longKey = new RunKey(new string('x', 64), new string('y', 64), new DateOnly(2026, 11, 28));
        Assert.NotEqual(a.Id, b.Id);
        Assert.All(new[] { a, b, longKey }, k => Assert.True(Ids.IsSafe(k.Id)));
        Assert.StartsWith("r_", longKey.Id);
    }
}
