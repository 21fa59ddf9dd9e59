using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency.Storage;

namespace Lianhua.Commerce.Core.Idempotency;

/// <summary>
/// How idempotency works here, in one place. Every write a client retries (an order, a cancel, a scan; refunds and
/// household registration next) carries an Idempotency-Key, and the first answer is kept as an <see cref="IdempotencyRecord"/>:
/// <list type="number">
/// <item>The request is reduced to a canonical form and hashed (<see cref="IdempotentRequest"/>). Its record's row is named by
/// operation and key, in the partition of the data it changes, so the record commits in the same entity group transaction as
/// the change itself: both or neither.</item>
/// <item>A key whose record exists answers with it, byte for byte, with <c>Idempotent-Replayed: true</c>; a different hash under
/// the key answers 422 and changes nothing.</item>
/// <item>Records are insert-only: when two attempts race, one transaction commits and the other fails as a whole, then reads
/// the record and gives its answer (<see cref="RunAsync"/>). A transaction that fails without a record (the data changed under
/// it) is tried again from a fresh read.</item>
/// <item>A placement cannot commit its record at once: it first takes stock in other partitions. It claims the key with a
/// lease next to the stock it takes first, and a replay or the router finishes an abandoned claim (see Orders.Placement); its
/// final record is this same record, and replays go through <see cref="FindAnswerAsync"/> too.</item>
/// </list>
/// </summary>
public sealed class IdempotentOperations(IdempotencyStore records)
{
    /// <summary>The kept answer when the key was used already (422 when for another request); null when it was not.</summary>
    public async Task<StoredResponse?> FindAnswerAsync(IdempotentRequest request, CancellationToken ct) =>
        await records.FindAsync(request.Scope, request.Row, ct, request.Table) is { } record ? request.Replay(record) : null;

    /// <summary>
    /// Runs <paramref name="attempt"/> until one commits: each either commits its change together with
    /// <see cref="IdempotentRequest.Answered"/> and returns the answer, or returns null when its transaction was refused. Then
    /// the key's record, if another attempt of the same request wrote it meanwhile, is the answer; otherwise it tries again
    /// (409 after <paramref name="attempts"/>). <paramref name="onReplay"/> runs for every kept answer given out.
    /// </summary>
    public async Task<StoredResponse> RunAsync(IdempotentRequest request, Func<CancellationToken, Task<StoredResponse?>> attempt,
        Func<StoredResponse, Task>? onReplay, CancellationToken ct, int attempts = 5, string busy = "The order is busy; try again shortly.")
    {
        for (var i = 1; ; i++)
        {
            if (await attempt(ct) is { } answer) return answer;
            if (await FindAnswerAsync(request, ct) is { } replay)
            {
                if (onReplay is not null) await onReplay(replay);
                return replay;
            }
            if (i >= attempts) throw new ConflictException(busy, retryAfter: TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Inserts a record alone (an answer that changed nothing else); false when the key has one already.</summary>
    public Task<bool> TryAddAsync(IdempotencyRecord record, CancellationToken ct) => records.TryAddAsync(record, ct);
}
