using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using static Lianhua.Commerce.Core.Tests.Routing.Routes;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class RunPlannerTests
{
    private static readonly IReadOnlyList<Leg> FourLegs = PathFinder.Find(Shipped, LukouA, LiangfangA).Legs;

    /// <summary>Fills the run of a leg on a day so that <paramref name="free"/> grams are left.</summary>
    private static RunSet Filled(RunSet runs, Leg leg, DateOnly day, long free)
    {
        var run = runs.GetOrOpen(RunKey.For(leg, day), leg.CapacityGrams);
        Assert.Equal(BookingOutcome.Booked, run.TryBook($"other-{day.DayNumber}-{leg.Seq}", leg.CapacityGrams - free));
        return runs;
    }

    [Fact]
    public void Plan_WhenAllRunsHaveRoom_BooksEveryLegOnTheStartDay()
    {
        var plan = RunPlanner.Plan("s1", FourLegs, 10_000, Day, new RunSet());
        Assert.Equal([1, 2, 3, 4], plan.Select(b => b.Leg.Seq));
        Assert.All(plan, b => Assert.Equal(Day, b.Run.Date));
        Assert.Equal($"{LukouA}_{LukouHub}_20261128", plan[0].Run.Id);
    }

    [Fact]
    public void Plan_WhenLoadPlusWeightIsExactlyCapacity_Fits()
    {
        var runs = Filled(new RunSet(), FourLegs[0], Day, free: 10_000);
        Assert.Equal(Day, RunPlanner.Plan("s1", FourLegs, 10_000, Day, runs)[0].Run.Date);
    }

    [Fact]
    public void Plan_WhenRunIsFull_PushesLegToNextDay()
    {
        var runs = Filled(new RunSet(), FourLegs[0], Day, free: 9_999);
        var plan = RunPlanner.Plan("s1", FourLegs, 10_000, Day, runs);
        Assert.All(plan, b => Assert.Equal(Day.AddDays(1), b.Run.Date));
    }

    [Fact]
    public void Plan_LaterLegs_NeverGoBeforeEarlierLegs_ButMayShareTheirDay()
    {
        var runs = new RunSet();
        Filled(runs, FourLegs[1], Day, free: 0);
        Filled(runs, FourLegs[1], Day.AddDays(1), free: 0);
        Filled(runs, FourLegs[1], Day.AddDays(2), free: 0);
        Filled(runs, FourLegs[3], Day.AddDays(4), free: 0);
        var plan = RunPlanner.Plan("s1", FourLegs, 10_000, Day, runs);
        Assert.Equal([Day, Day.AddDays(3), Day.AddDays(3), Day.AddDays(3)], plan.Select(b => b.Run.Date));
        Assert.True(plan.Zip(plan.Skip(1)).All(p => p.First.Run.Date <= p.Second.Run.Date));
    }

    [Fact]
    public void Plan_Replayed_KeepsTheRunsTheShipmentIsOnAlready()
    {
        var runs = new RunSet();
        foreach (var booking in RunPlanner.Plan("s1", FourLegs, 300_000, Day, runs))
            Assert.Equal(BookingOutcome.Booked, runs.GetOrOpen(booking.Run, booking.Leg.CapacityGrams).TryBook("s1", 300_000));
        var replay = RunPlanner.Plan("s1", FourLegs, 300_000, Day, runs);
        Assert.All(replay, b => Assert.Equal(Day, b.Run.Date)); // the full station runs hold s1 itself
        Assert.Equal(Day.AddDays(1), RunPlanner.Plan("s2", FourLegs, 1, Day, runs)[0].Run.Date);
    }

    [Fact]
    public void Plan_Replayed_AfterAnEarlierDayFreedUp_StaysOnItsRunInsteadOfBookingTwice()
    {
        var runs = Filled(new RunSet(), FourLegs[0], Day, free: 0);
        var first = RunPlanner.Plan("s1", FourLegs, 1_000, Day, runs);
        foreach (var b in first) runs.GetOrOpen(b.Run, b.Leg.CapacityGrams).TryBook("s1", 1_000);
        Assert.True(runs.Find(RunKey.For(FourLegs[0], Day))!.Release($"other-{Day.DayNumber}-1"));
        var replay = RunPlanner.Plan("s1", FourLegs, 1_000, Day, runs);
        Assert.Equal(first.Select(b => b.Run), replay.Select(b => b.Run));
        Assert.All(replay, b => Assert.Equal(Day.AddDays(1), b.Run.Date));
    }

    [Fact]
    public void Plan_ShipmentHeavierThanALink_IsRejected()
    {
        var e = Assert.Throws<UnprocessableException>(() => RunPlanner.Plan("s1", FourLegs, 300_001, Day, new RunSet()));
        Assert.Contains(LukouHub, e.Message);
    }

    [Fact]
    public void Plan_WhenNoRunHasRoomWithinTheWindow_FailsClearly()
    {
        var runs = new RunSet();
        for (var d = 0; d < RunPlanner.MaxDays; d++) Filled(runs, FourLegs[2], Day.AddDays(d), free: 0);
        var e = Assert.Throws<ConflictException>(() => RunPlanner.Plan("s1", FourLegs, 1, Day, runs));
        Assert.Contains("2026-12-27", e.Message);
    }

    [Fact]
    public void Plan_SameStation_HasNothingToBook() =>
        Assert.Empty(RunPlanner.Plan("s1", [], 1_000, Day, new RunSet()));
}
