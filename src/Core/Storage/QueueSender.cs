using System.Text.Json;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Sends small JSON messages (ids, never documents), base64-encoded as the queue trigger expects. Messages never expire
/// (time-to-live -1): a queue's default of 7 days would silently lose work a consumer is late for.
/// </summary>
public sealed class QueueSender(CommerceStorage storage)
{
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task SendAsync<T>(string queue, T message, TimeSpan? delay, CancellationToken ct) =>
        await storage.Queue(queue).SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, Json.Options)),
            visibilityTimeout: delay, timeToLive: NeverExpires, cancellationToken: ct);
}
