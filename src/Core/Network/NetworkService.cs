using System.Reflection;
using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Network;

/// <summary>
/// The network is one document per county (see <see cref="NetworkStore"/>), so a replace is atomic
/// and a load is one point read. Instances cache it briefly; it changes rarely.
/// </summary>
public sealed class NetworkService(NetworkStore store, IOptions<Security.CommerceOptions> options, TimeProvider clock,
    ILogger<NetworkService> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private (CountyNetwork Network, DateTimeOffset Until)? _cache;
    private string CountyCode => options.Value.CountyCode;

    public async Task<CountyNetwork> GetAsync(CancellationToken ct)
    {
        if (_cache is { } c && c.Until > clock.GetUtcNow()) return c.Network;
        var document = await store.FindAsync(CountyCode, ct) ?? throw new NotFoundException("The network");
        var network = CountyNetwork.Create(document);
        _cache = (network, clock.GetUtcNow() + CacheFor);
        return network;
    }

    public async Task<CountyNetwork> ReplaceAsync(Security.Caller caller, NetworkDocument? document, CancellationToken ct)
    {
        caller.RequireCounty();
        var network = CountyNetwork.Create(document);
        if (network.CountyCode != CountyCode)
            throw ValidationFailedException.For("county.code", $"this deployment serves county {CountyCode}.");
        await store.ReplaceAsync(CountyCode, network.Document, ct);
        _cache = (network, clock.GetUtcNow() + CacheFor);
        logger.LogInformation("Network of county {CountyCode} replaced: {Hubs} hubs, {Stations} stations, {Links} links",
            network.CountyCode, network.Document.Hubs.Count, network.Document.Stations.Count, network.Document.Links.Count);
        return network;
    }

    /// <summary>Loads the shipped Lianhua network when the county has none. Safe to run from several processes.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await store.ExistsAsync(CountyCode, ct)) return false;
        var network = CountyNetwork.Create(LoadShipped());
        if (!await store.TryAddAsync(CountyCode, network.Document, ct)) return false; // another process seeded it first
        logger.LogInformation("Loaded the shipped network of county {CountyCode}: {Stations} stations", network.CountyCode, network.Document.Stations.Count);
        return true;
    }

    public static NetworkDocument LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("lianhua-network.json")
            ?? throw new InvalidOperationException("The shipped network resource is missing.");
        return JsonSerializer.Deserialize<NetworkDocument>(stream, Json.Options)!;
    }
}
