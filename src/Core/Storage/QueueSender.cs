using System.Text.Json;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>Sends small JSON messages (ids, never documents), base64-encoded as the queue trigger expects.</summary>
public sealed class QueueSender(CommerceStorage storage)
{
    public async Task SendAsync<T>(string queue, T message, TimeSpan? delay, CancellationToken ct) =>
        await storage.Queue(queue).SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(message, Json.Options)),
            visibilityTimeout: delay, cancellationToken: ct);
}
