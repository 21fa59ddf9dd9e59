namespace Lianhua.Commerce.Core.Common;

/// <summary>
/// Checkouts first. Placements mark themselves as running here; background work of the same instance (routing) waits
/// while any is running, until a short lull or until the work has waited <c>maxLag</c> since it was queued, so a burst of
/// checkouts has the storage account to itself and routing catches up right after it. Routing lags behind placement by
/// at most about <c>maxLag</c> under any load. In memory and per instance: it orders work inside one instance only.
/// </summary>
public sealed class Foreground(TimeProvider clock)
{
    /// <summary>How long without a running placement counts as a lull.</summary>
    public static readonly TimeSpan Lull = TimeSpan.FromMilliseconds(100);

    private int _running;
    private long _lastEndedTicks = long.MinValue / 2;

    public Scope Enter()
    {
        Interlocked.Increment(ref _running);
        return new Scope(this);
    }

    private void Exit()
    {
        Interlocked.Exchange(ref _lastEndedTicks, clock.GetUtcNow().UtcTicks);
        Interlocked.Decrement(ref _running);
    }

    public bool Busy =>
        Volatile.Read(ref _running) > 0 || clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastEndedTicks) < Lull.Ticks;

    /// <summary>Waits while placements run, but never past <paramref name="queuedAt"/> + <paramref name="maxLag"/>.</summary>
    public async Task YieldAsync(DateTimeOffset queuedAt, TimeSpan maxLag, CancellationToken ct)
    {
        while (Busy && clock.GetUtcNow() - queuedAt < maxLag)
            await Task.Delay(Lull, clock, ct);
    }

    public readonly struct Scope(Foreground owner) : IDisposable
    {
        public void Dispose() => owner.Exit();
    }
}
