using Lianhua.Commerce.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Lianhua.Commerce.Core.Tests;

public sealed class ForegroundTests
{
    private static FakeTimeProvider Clock() => new(DateTimeOffset.Parse("2026-11-28T08:00:00Z"));

    [Fact]
    public async Task Yield_WaitsWhileAPlacementRuns_AndALullAfterIt()
    {
        var clock = Clock();
        var foreground = new Foreground(clock);
        var placement = foreground.Enter();
        var routing = foreground.YieldAsync(clock.GetUtcNow(), TimeSpan.FromSeconds(30), default);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(routing.IsCompleted);
        placement.Dispose();
        clock.Advance(Foreground.Lull / 2);
        Assert.False(routing.IsCompleted); // not yet a lull
        clock.Advance(Foreground.Lull);
        await routing.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Yield_NeverWaitsPastTheMaximumLag_SinceTheWorkWasQueued()
    {
        var clock = Clock();
        var foreground = new Foreground(clock);
        using var placement = foreground.Enter();
        var queuedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(8));
        var routing = foreground.YieldAsync(queuedAt, TimeSpan.FromSeconds(10), default);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(routing.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        await routing.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(foreground.Busy);
    }

    [Fact]
    public async Task Yield_ReturnsAtOnce_WhenNothingRuns()
    {
        var foreground = new Foreground(Clock());
        Assert.False(foreground.Busy);
        await foreground.YieldAsync(DateTimeOffset.MinValue, TimeSpan.FromSeconds(30), default).WaitAsync(TimeSpan.FromSeconds(5));
    }
}

public sealed class GroupSenderTests
{
    /// <summary>A sender that notes each send's items in <paramref name="sends"/>, then waits for <paramref name="then"/> of them.</summary>
    private static GroupSender<int> Recording(List<IReadOnlyList<int>> sends, Func<IReadOnlyList<int>, Task> then, int maxPerSend) =>
        new(async items =>
        {
            lock (sends) sends.Add(items);
            await then(items);
        }, maxPerSend);

    [Fact]
    public async Task ItemsArrivingWhileASendIsInFlight_GoTogetherInTheNextSend()
    {
        var sends = new List<IReadOnlyList<int>>();
        var first = new TaskCompletionSource();
        var sender = Recording(sends, items => items.Contains(0) ? first.Task : Task.CompletedTask, maxPerSend: 100);

        var lone = sender.SendAsync(0, default);
        var rest = Enumerable.Range(1, 10).Select(i => sender.SendAsync(i, default)).ToList();
        Assert.False(lone.IsCompleted);
        first.SetResult();
        await Task.WhenAll(rest.Append(lone)).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, sends.Count);
        Assert.Equal([0], sends[0]);
        Assert.Equal(Enumerable.Range(1, 10), sends[1]);
    }

    [Fact]
    public async Task ASendCarriesAtMostMaxItems_AndAQuietSenderSendsAlone()
    {
        var sends = new List<IReadOnlyList<int>>();
        var gate = new TaskCompletionSource();
        var sender = Recording(sends, _ => gate.Task, maxPerSend: 3);
        var all = Enumerable.Range(0, 8).Select(i => sender.SendAsync(i, default)).ToList();
        gate.SetResult();
        await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([[0], [1, 2, 3], [4, 5, 6], [7]], sends.Select(s => s.ToArray()));

        await sender.SendAsync(42, default).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([42], sends[^1]);
    }

    [Fact]
    public async Task AFailedSend_FailsEveryItemItCarried_AndOnlyThose()
    {
        var gate = new TaskCompletionSource();
        var sender = new GroupSender<int>(async items =>
        {
            await gate.Task;
            if (items.Contains(2)) throw new InvalidOperationException("storage down");
        }, maxPerSend: 100);
        var zero = sender.SendAsync(0, default);
        var one = sender.SendAsync(1, default);
        var two = sender.SendAsync(2, default);
        gate.SetResult();
        await zero.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<InvalidOperationException>(() => one);
        await Assert.ThrowsAsync<InvalidOperationException>(() => two);
        await sender.SendAsync(3, default).WaitAsync(TimeSpan.FromSeconds(5)); // the sender goes on
    }
}
