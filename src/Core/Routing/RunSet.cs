namespace Lianhua.Commerce.Core.Routing;

/// <summary>Runs held in memory: what the store prefetched for planning, or a test's fake.</summary>
public sealed class RunSet : IRunLoads
{
    private readonly Dictionary<RunKey, Run> _runs = [];

    public RunSet(IEnumerable<Run>? runs = null)
    {
        foreach (var run in runs ?? []) Put(run);
    }

    public Run? Find(RunKey key) => _runs.GetValueOrDefault(key);

    /// <summary>The stored run, or a new empty one with the leg's capacity.</summary>
    public Run GetOrOpen(RunKey key, long capacityGrams) =>
        _runs.TryGetValue(key, out var run) ? run : _runs[key] = Run.Open(key, capacityGrams);

    public void Put(Run run) => _runs[run.Key] = run;

    public IReadOnlyCollection<Run> All => _runs.Values;
}
