using Polly;
using Polly.Retry;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Retries a conditional write whose entity changed under it (a listing's stock, a run's load: 412 on the ETag). The SDK retries transport faults itself;
/// this handles only contention, with full jitter so racing writers spread out. About 2 s in all, then 409 + Retry-After.
/// </summary>
public static class Contention
{
    public static ResiliencePipeline Pipeline(TimeProvider clock) => new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<WriteConflictException>(),
            MaxRetryAttempts = 12,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(300),
        })
        .Build();
}
