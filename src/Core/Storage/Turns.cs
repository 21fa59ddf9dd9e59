namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Lets work in this instance that writes the same rows take turns (striped by row), so it does not spend requests
/// failing on each other's ETags: the next in turn writes from the copy the last one left. Not a lock for correctness:
/// instances still meet on the rows' ETags, which alone decide. So a turn lasts at most <see cref="MaxHold"/>: a turn
/// held up by a slow request (a storage retry after a timeout or a 503) is passed on anyway, and the next in turn lets
/// the ETags decide, rather than everyone queued behind it waiting. A turn on several rows takes their stripes in one
/// order, so two turns never wait on each other.
/// </summary>
public sealed class Turns(TimeSpan maxHold)
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public Turns() : this(TimeSpan.FromMilliseconds(500))
    {
    }

    public TimeSpan MaxHold { get; } = maxHold;

    /// <summary>Waits for the turn on every row named (partition + row key); dispose the result to pass it on.</summary>
    public async Task<IDisposable> TakeAsync(string partitionKey, IEnumerable<string> rowKeys, CancellationToken ct)
    {
        var stripes = rowKeys.Select(row => (int)((uint)StringComparer.Ordinal.GetHashCode(partitionKey + "|" + row) % (uint)_stripes.Length))
            .Distinct().Order().ToArray();
        var taken = 0;
        try
        {
            for (; taken < stripes.Length; taken++) await _stripes[stripes[taken]].WaitAsync(ct);
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

    /// <summary>Passed on when disposed or after <see cref="MaxHold"/>, whichever comes first; once.</summary>
    private sealed class Turn : IDisposable
    {
        private readonly Turns _turns;
        private readonly int[] _stripes;
        private readonly Timer _timeout;
        private int _passed;

        public Turn(Turns turns, int[] stripes)
        {
            _turns = turns;
            _stripes = stripes;
            _timeout = new Timer(static turn => ((Turn)turn!).Dispose(), this, turns.MaxHold, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _passed, 1) != 0) return;
            _timeout.Dispose();
            _turns.Release(_stripes);
        }
    }
}
