using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using static Lianhua.Commerce.Core.Tests.Routing.Routes;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class RunPlannerTests
{
    private static readonly IReadOnlyList<Leg> FourLegs = PathFinder.Find(Shipped, LukouA, LiangfangA).Legs;

    [Theory]
    [InlineData(290_000, 300_000, 10_000, true)]   // exactly full fits
    [InlineData(290_001, 300_000, 10_000, false)]  // one gram over goes to the next day's run
    [InlineData(0, 300_000, 300_000, true)]
    public void HasRoom_UpToExactCapacity(long load, long capacity, long weight, bool fits) =>
        Assert.Equal(fits, RunPlanner.HasRoom(load, capacity, weight));

    [Fact]
    public void EnsureFits_ShipmentHeavierThanALink_IsRejectedClearly()
    {
        RunPlanner.EnsureFits("s1", FourLegs[0], 300_000);
        var e = Assert.Throws<UnprocessableException>(() => RunPlanner.EnsureFits("s1", FourLegs[0], 300_001));
        Assert.Contains(LukouHub, e.Message);
    }

    [Fact]
    public void LastDay_IsTheThirtiethDayCountingTheFirst() =>
        Assert.Equal(new DateOnly(2026, 12, 27), RunPlanner.LastDay(Day));

    [Fact]
    public void RunKey_IdIsReadable_AndNextDayMovesOneDay()
    {
        var key = RunKey.For(FourLegs[0], Day);
        Assert.Equal($"{LukouA}_{LukouHub}_20261128", key.Id);
        Assert.Equal(Day.AddDays(1), key.NextDay().Date);
    }
}
