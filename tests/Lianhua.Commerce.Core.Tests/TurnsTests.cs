using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Tests;

public sealed class TurnsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ATurnOnARow_WaitsForTheTurnBeforeIt_AndOtherRowsGoOn()
    {
        var turns = new Turns(TimeSpan.FromMinutes(1));
        var first = await turns.TakeAsync("p", ["a"], CancellationToken.None);
        var free = await FreeRow(turns);

        var second = turns.TakeAsync("p", ["a"], CancellationToken.None);
        var other = turns.TakeAsync("p", [free], CancellationToken.None);
        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        first.Dispose(); // passing a turn on twice passes it once
        var secondTurn = await second.WaitAsync(Patience);
        var third = turns.TakeAsync("p", ["a"], CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        secondTurn.Dispose();
        (await third.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task TurnsOnSeveralRows_TakenInAnyOrderAtOnce_NeverWaitOnEachOther()
    {
        var turns = new Turns(TimeSpan.FromMinutes(1)); // long enough that a deadlock would show as a timeout
        var rows = Enumerable.Range(0, 40).Select(i => $"row{i}").ToArray();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var some = rows.OrderBy(_ => Random.Shared.Next()).Take(5).ToArray();
            using var turn = await turns.TakeAsync("p", some, CancellationToken.None);
            await Task.Yield();
        }))).WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ATurnHeldPastMaxHold_IsPassedOn_AndItsLateDisposeGivesBackNothingMore()
    {
        var turns = new Turns(TimeSpan.FromSeconds(2));
        var stalled = await turns.TakeAsync("p", ["c"], CancellationToken.None);

        var next = turns.TakeAsync("p", ["c"], CancellationToken.None);
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        var nextTurn = await next.WaitAsync(Patience); // passed on without the stalled one giving it back

        stalled.Dispose(); // late: it was passed on already
        var third = turns.TakeAsync("p", ["c"], CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted); // the stalled one's dispose did not let a second holder in
        nextTurn.Dispose();
        (await third.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task ACancelledWait_HoldsNothing()
    {
        var turns = new Turns(TimeSpan.FromMinutes(1));
        var held = await turns.TakeAsync("p", ["b"], CancellationToken.None);
        var free = await FreeRow(turns);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turns.TakeAsync("p", [free, "b"], cancel.Token));

        (await turns.TakeAsync("p", [free], CancellationToken.None).WaitAsync(Patience)).Dispose(); // its turn was passed on
        held.Dispose();
    }

    /// <summary>A row whose turn is free while the test holds one: it is granted at once.</summary>
    private static async Task<string> FreeRow(Turns turns)
    {
        for (var i = 0; ; i++)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
            var take = turns.TakeAsync("p", [$"other{i}"], wait.Token);
            if (take.IsCompletedSuccessfully)
            {
                (await take).Dispose();
                return $"other{i}";
            }
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
        }
    }
}
