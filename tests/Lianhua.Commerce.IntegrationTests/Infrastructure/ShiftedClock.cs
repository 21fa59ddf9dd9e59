namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// The system clock moved by <see cref="Offset"/>: a test host whose "now" is a day later, or an instance whose clock is
/// seconds off another's. Timers and delays still run in real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
