using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Tests;

public sealed class ContentionTests
{
    [Fact]
    public async Task Pipeline_RetriesWriteConflicts_ThenGivesUp()
    {
        var pipeline = Contention.Pipeline(TimeProvider.System);
        var calls = 0;
        var result = await pipeline.ExecuteAsync(async _ =>
        {
            await Task.Yield();
            if (++calls < 4) throw new WriteConflictException();
            return calls;
        }, CancellationToken.None);
        Assert.Equal(4, result);

        calls = 0;
        await Assert.ThrowsAsync<WriteConflictException>(() => pipeline.ExecuteAsync<int>(_ => { calls++; throw new WriteConflictException(); }, CancellationToken.None).AsTask());
        Assert.Equal(13, calls);
    }

    [Fact]
    public async Task Pipeline_DoesNotRetryOtherFailures()
    {
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Contention.Pipeline(TimeProvider.System)
            .ExecuteAsync<int>(_ => { calls++; throw new InvalidOperationException(); }, CancellationToken.None).AsTask());
        Assert.Equal(1, calls);
    }
}
