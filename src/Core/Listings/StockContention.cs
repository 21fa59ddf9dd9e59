using Lianhua.Commerce.Core.Listings.Storage;
using Polly;
using Polly.Retry;

namespace Lianhua.Commerce.Core.Listings;

/// <summary>
/// Retries a reservation whose listing changed under it (412 on the ETag). The SDK retries transport faults itself;
/// this handles only contention, with full jitter so racing buyers spread out. About 2 s in all, then 409 + Retry-After.
/// </summary>
public static class StockContention
{
    public static ResiliencePipeline Pipeline(TimeProvider clock) => new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<StockContentionException>(),
            MaxRetryAttempts = 12,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(300),
        })
        .Build();
}
