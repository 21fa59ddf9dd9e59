using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// A LocalHost on a free port over real HTTP, against Azurite, with tables and queues of its own (a unique prefix per test class).
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    public LocalHostFixture() : this(TestStorage.NewPrefix(), NewCountyKey())
    {
    }

    /// <summary>A host of its own with these settings besides the test defaults (a shorter lease, a faster retry).</summary>
    protected LocalHostFixture(params (string Key, string Value)[] settings)
        : this(TestStorage.NewPrefix(), NewCountyKey(), settings.ToDictionary(s => s.Key, s => (string?)s.Value))
    {
    }

    internal static string NewCountyKey() => "test-county-" + Guid.NewGuid().ToString("N");

    /// <summary>One instance of several that share <paramref name="prefix"/> (their storage) and the county key (see MultiHostFixture); internal: xUnit wants one public constructor.</summary>
    internal LocalHostFixture(string prefix, string countyKey, IDictionary<string, string?>? settings = null)
    {
        Prefix = prefix;
        CountyKey = countyKey;
        _settings = settings;
    }

    private readonly IDictionary<string, string?>? _settings;
    public string CountyKey { get; }
    public string Prefix { get; }
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public CommerceStorage Storage => App.Services.GetRequiredService<CommerceStorage>();

    public FaultInjection Faults { get; } = new();
    public RequestCounter Requests { get; } = new();

    /// <summary>Services a test host replaces (registered after the app's own, so they win).</summary>
    protected virtual void AddServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("LIANHUA_DIAG") is { } diag && Console.Out is not StreamWriter)
            Console.SetOut(new StreamWriter(diag, append: true) { AutoFlush = true });
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
            ["Commerce:CountyApiKey"] = CountyKey,
            ["Commerce:StoragePrefix"] = Prefix,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("LIANHUA_DIAG") is null ? "Warning" : "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (k, v) in HouseholdKeys(Prefix)) settings[k] = v;
        foreach (var (k, v) in _settings ?? new Dictionary<string, string?>()) settings[k] = v;
        App = await LocalHostApp.CreateAsync([], settings, services =>
        {
            services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(Faults);
            services.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(Requests);
            AddServices(services);
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/api/");
    }

    /// <summary>
    /// The test's own household data keys (AES key id <c>t1</c> and the blind-index key), derived from the storage prefix so
    /// every instance on one prefix shares them; a test that rotates adds keys and moves <c>ActiveKeyId</c> in its settings.
    /// </summary>
    public static Dictionary<string, string?> HouseholdKeys(string prefix) => new()
    {
        ["Commerce:Households:ActiveKeyId"] = "t1",
        ["Commerce:Households:Keys:t1"] = TestKey(prefix, "t1"),
        ["Commerce:Households:BlindIndexKey"] = TestKey(prefix, "blind-index"),
    };

    public static string TestKey(string prefix, string name) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{prefix}/{name}")));

    /// <summary>
    /// Forgets fault rules a failed test left behind (one that never fired), so one failure does not cascade into the next
    /// tests of its class; fault test classes call it from a field initializer, which runs before each test.
    /// </summary>
    public bool ClearFaults()
    {
        Faults.Clear();
        return true;
    }

    public Api Client(string? key = null) => new(BaseAddress, key);
    public Api County() => Client(CountyKey);

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
