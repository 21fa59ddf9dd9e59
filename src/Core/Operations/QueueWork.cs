using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Operations.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Operations;

/// <summary>
/// Runs a queue function's handler on a message as the host delivered it (text), so that every failure, reading the message
/// included, is the function's: it records the error for the message's body (the poison listing shows the last one) and fails,
/// so the host retries and finally moves the message to the poison queue. A message no handler can read is never dropped.
/// </summary>
public sealed class QueueWork(PoisonStore poison, TimeProvider clock, ILogger<QueueWork> logger)
{
    /// <summary>Errors are kept short in the table; they name ids and causes, never personal data (handlers never log any).</summary>
    private const int MaxErrorChars = 1000;

    public async Task RunAsync<T>(string queue, string body, Func<T, CancellationToken, Task> handle, CancellationToken ct) where T : IQueueMessage
    {
        try
        {
            await handle(Read<T>(body), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            try
            {
                await poison.RecordFailureAsync(queue, BinaryData.FromString(body), error[..Math.Min(error.Length, MaxErrorChars)], clock.GetUtcNow(), CancellationToken.None);
            }
            catch (Exception recording)
            {
                logger.LogWarning(recording, "Recording a failure of a {Queue} message failed", queue);
            }
            throw;
        }
    }

    private static T Read<T>(string body) where T : IQueueMessage
    {
        T? message;
        try
        {
            message = JsonSerializer.Deserialize<T>(body, Json.Options);
        }
        catch (JsonException e)
        {
            throw new UnreadableMessageException($"The message is not the JSON of a {typeof(T).Name}: {e.Message}");
        }
        return message is not null && message.IsReadable ? message
            : throw new UnreadableMessageException($"The message lacks what a {typeof(T).Name} must name.");
    }
}
