namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Lets work in this instance that writes the same rows take turns (striped by row), so it does not spend requests
/// failing on each other's ETags: the next in turn writes from the copy the last one left. Not a lock for correctness:
/// instances still meet on the rows' ETags, which alone decide. So nobody waits for a turn longer than
/// <see cref="MaxWait"/>: a turn held up by a slow request (a storage retry after a timeout or a 503) does not hold up
/// everyone queued behind it, who then go without a turn and let the ETags decide. A turn on several rows takes their
/// stripes in one order, so two turns never wait on each other.
/// </summary>
public sealed class Turns(TimeSpan maxWait)
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public Turns() : this(TimeSpan.FromMilliseconds(500))
    {
    }

    public TimeSpan MaxWait { get; } = maxWait;

    /// <summary>Waits for the turn on every row named (partition + row key), or until <see cref="MaxWait"/>; dispose the result to pass it on.</summary>
    public async Task<IDisposable> TakeAsync(string partitionKey, IEnumerable<string> rowKeys, CancellationToken ct)
    {
        var stripes = rowKeys.Select(row => (int)((uint)StringComparer.Ordinal.GetHashCode(partitionKey + "|" + row) % (uint)_stripes.Length))
            .Distinct().Order().ToArray();
        var deadline = DateTime.UtcNow + MaxWait;
        var taken = 0;
        try
        {
            for (; taken < stripes.Length; taken++)
            {
                var left = deadline - DateTime.UtcNow;
                if (!await _stripes[stripes[taken]].WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, ct))
                {
                    Release(stripes.AsSpan(0, taken));
                    return NoTurn.Instance; // waited long enough: go without, the ETags decide
                }
            }
            return new Turn(this, stripes);
        }
        catch
        {
            Release(stripes.AsSpan(0, taken));
            throw;
        }
    }

    private void Release(ReadOnlySpan<int> stripes)
    {
        foreach (var stripe in stripes) _stripes[stripe].Release();
    }

    private sealed class Turn(Turns turns, int[] stripes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turns.Release(stripes);
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}
