namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// Three LocalHost instances in this process on one storage prefix and one county key, as Flex Consumption runs several
/// instances on one storage account: each keeps its own copies (listings, runs, station keys, the network), its own turns
/// and its own queue listeners, which compete for the same messages.
/// </summary>
public class MultiHostFixture : IAsyncLifetime
{
    public const int Count = 3;

    private readonly IDictionary<string, string?> _settings;

    public MultiHostFixture() : this([])
    {
    }

    /// <summary>Instances with these settings besides the test defaults.</summary>
    protected MultiHostFixture(params (string Key, string Value)[] settings) =>
        _settings = settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    public string Prefix { get; } = TestStorage.NewPrefix();
    public string CountyKey { get; } = LocalHostFixture.NewCountyKey();
    public IReadOnlyList<LocalHostFixture> Hosts { get; private set; } = [];

    public LocalHostFixture this[int i] => Hosts[i];

    public async Task InitializeAsync()
    {
        var hosts = Enumerable.Range(0, Count).Select(_ => new LocalHostFixture(Prefix, CountyKey, _settings)).ToList();
        // The first creates the tables and loads the network; the others start on storage that is ready, as in Azure.
        await hosts[0].InitializeAsync();
        await Task.WhenAll(hosts.Skip(1).Select(h => h.InitializeAsync()));
        Hosts = hosts;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Hosts) await host.DisposeAsync();
    }
}

/// <summary>Instances with a short placement lease, so an abandoned placement is taken over within a test's patience.</summary>
public sealed class ShortLeaseMultiHost() : MultiHostFixture(("Commerce:Orders:PlacementLease", "00:00:02"), ("Commerce:Orders:InFlightWait", "00:00:01"));
