using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Tests.Routing;

public sealed class RunTests
{
    private static Run Open(long capacity = 1_000) => Run.Open(new RunKey("a", "b", new DateOnly(2026, 11, 28)), capacity);

    [Fact]
    public void TryBook_UpToExactCapacity_Fits_AndOneGramMoreIsFull()
    {
        var run = Open();
        Assert.Equal(BookingOutcome.Booked, run.TryBook("s1", 600));
        Assert.Equal(BookingOutcome.Full, run.TryBook("s2", 401));
        Assert.Equal(BookingOutcome.Booked, run.TryBook("s3", 400));
        Assert.Equal(1_000, run.LoadGrams);
        Assert.Equal(["s1", "s3"], run.ShipmentIds);
    }

    [Fact]
    public void TryBook_SameShipmentTwice_CountsItOnce_EvenWhenTheRunIsFull()
    {
        var run = Open();
        run.TryBook("s1", 1_000);
        Assert.Equal(BookingOutcome.AlreadyBooked, run.TryBook("s1", 1_000));
        Assert.Equal(1_000, run.LoadGrams);
        Assert.True(run.CanTake("s1", 1_000));
        Assert.Throws<ConflictException>(() => run.TryBook("s1", 999));
    }

    [Fact]
    public void Release_FreesTheSpaceExactlyOnce()
    {
        var run = Open();
        run.TryBook("s1", 700);
        run.TryBook("s2", 300);
        Assert.True(run.Release("s1"));
        Assert.False(run.Release("s1"));
        Assert.Equal(300, run.LoadGrams);
        Assert.False(run.Holds("s1"));
        Assert.Equal(BookingOutcome.Booked, run.TryBook("s4", 700));
    }

    [Fact]
    public void Restore_RebuildsTheLoadFromTheBookings()
    {
        var run = Run.Restore(new RunKey("a", "b", new DateOnly(2026, 11, 28)), 1_000, [new("s1", 250), new("s2", 500)]);
        Assert.Equal(750, run.LoadGrams);
        Assert.Equal(BookingOutcome.Full, run.TryBook("s3", 251));
        Assert.Throws<ArgumentException>(() => Run.Restore(run.Key, 1_000, [new("s1", 0)]));
    }
}
