using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Operations.Storage;

/// <summary>
/// The poison queues (<c>{queue}-poison</c>, filled by the Functions host, or by LocalHost the same way) joined with the failures
/// the queue functions record per message body (table Attention), and sending their messages back.
/// </summary>
public sealed class PoisonStore(CommerceStorage storage, IOptions<CommerceOptions> options)
{
    private TableClient Table => storage.Table(TableNames.Attention);
    private string County => options.Value.CountyCode;

    /// <summary>The last failure of this message body; the poison listing finds it by the body of the copy.</summary>
    public Task RecordFailureAsync(string queue, BinaryData body, string error, DateTimeOffset at, CancellationToken ct) =>
        Table.UpsertEntityAsync(new QueueFailureEntity
        {
            PartitionKey = County, RowKey = QueueFailureEntity.Row(queue, body), Queue = queue, Error = error, At = at,
        }, TableUpdateMode.Replace, ct);

    /// <summary>The queue's poison queue, or null when it is empty: its count, oldest message and the last error of the first 32.</summary>
    public async Task<PoisonQueue?> FindAsync(string queue, CancellationToken ct)
    {
        var poison = storage.Queue(queue + "-poison");
        if (!(await poison.ExistsAsync(ct)).Value) return null;
        var count = (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount;
        PeekedMessage[] peeked = (await poison.PeekMessagesAsync(32, ct)).Value;
        if (count == 0 && peeked.Length == 0) return null;
        var rows = peeked.Select(m => QueueFailureEntity.Row(queue, m.Body)).Distinct().ToList();
        var failures = await Task.WhenAll(rows.Select(r => Table.GetEntityIfExistsAsync<QueueFailureEntity>(County, r, cancellationToken: ct)));
        var last = failures.Where(f => f.HasValue && f.Value is not null).Select(f => f.Value!).MaxBy(f => f.At);
        var oldest = peeked.Length > 0 && peeked[0].InsertedOn is { } at ? at : DateTimeOffset.UtcNow;
        return new PoisonQueue(queue, Math.Max(count, peeked.Length), OrderView.Instant(oldest), last?.Error);
    }

    /// <summary>
    /// Sends every message of the poison queue back to <paramref name="queue"/> (body as it was, never expiring), each deleted from
    /// the poison queue only after it was sent: a crash sends one twice at worst, and handlers are idempotent. Stops at
    /// <paramref name="max"/> messages.
    /// </summary>
    public async Task<int> RedriveAsync(string queue, int max, CancellationToken ct)
    {
        var poison = storage.Queue(queue + "-poison");
        var source = storage.Queue(queue);
        if (!(await poison.ExistsAsync(ct)).Value) return 0;
        var moved = 0;
        while (moved < max)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), ct)).Value;
            if (batch.Length == 0) break;
            await Task.WhenAll(batch.Select(async m =>
            {
                await source.SendMessageAsync(m.Body, timeToLive: QueueSender.NeverExpires, cancellationToken: ct);
                await poison.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct);
                await ForgetAsync(queue, m.Body, ct);
            }));
            moved += batch.Length;
        }
        return moved;
    }

    private async Task ForgetAsync(string queue, BinaryData body, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(County, QueueFailureEntity.Row(queue, body), ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }
}
