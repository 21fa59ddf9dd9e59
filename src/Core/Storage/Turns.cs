namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Lets work in this instance that writes the same rows take turns (striped by row), so it does not spend requests
/// failing on each other's ETags: the next in turn writes from the copy the last one left. Not a lock for correctness:
/// instances still meet on the rows' ETags, which alone decide. A turn on several rows takes their stripes in one
/// order, so two turns never wait on each other.
/// </summary>
public sealed class Turns
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

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

    private sealed class Turn(Turns turns, int[] stripes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turns.Release(stripes);
        }
    }
}
