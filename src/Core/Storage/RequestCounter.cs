using Azure.Core;
using Azure.Core.Pipeline;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Counts storage round trips (every attempt the pipeline sends), for the benchmark and cost tests. Idle queue polls
/// (a receive that returned no message) can be left out: they measure waiting, not work.
/// </summary>
public sealed class RequestCounter(bool countEmptyQueuePolls = true) : HttpPipelinePolicy
{
    private long _count;
    public long Count => Interlocked.Read(ref _count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Tally(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Tally(message);
    }

    private void Tally(HttpMessage message)
    {
        if (!countEmptyQueuePolls && message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith("/messages")
            && message.Response.Content?.ToString().Contains("<QueueMessage>") != true)
            return;
        Interlocked.Increment(ref _count);
    }
}
