using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Operations.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Operations;

/// <summary>The county sends a queue's poisoned messages back once their cause is fixed.</summary>
public sealed class PoisonService(PoisonStore store, ILogger<PoisonService> logger)
{
    /// <summary>At most this many messages per request; the answer says how many moved, and a second call moves the rest.</summary>
    public const int MaxMoved = 5000;

    public async Task<RedriveResult> RedriveAsync(Caller caller, string queue, CancellationToken ct)
    {
        caller.RequireCounty();
        if (!QueueNames.All.Contains(queue)) throw new NotFoundException("Queue");
        var moved = await store.RedriveAsync(queue, MaxMoved, ct);
        logger.LogInformation("{Moved} poisoned messages sent back to {Queue} by {KeyId}", moved, queue, caller.KeyId);
        return new RedriveResult(queue, moved);
    }

    /// <summary>Each queue whose poison queue holds messages.</summary>
    public async Task<IReadOnlyList<PoisonQueue>> ListAsync(CancellationToken ct) =>
        (await Task.WhenAll(QueueNames.All.Select(q => store.FindAsync(q, ct)))).OfType<PoisonQueue>().ToList();
}
