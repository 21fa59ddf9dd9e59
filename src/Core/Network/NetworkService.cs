using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Network;

/// <summary>
/// The network is one entity per county (gzip JSON in a binary property), so a replace is atomic
/// and a load is one point read. Instances cache it briefly; it changes rarely.
/// </summary>
public sealed class NetworkService(CommerceStorage storage, IOptions<Security.CommerceOptions> options, TimeProvider clock,
    ILogger<NetworkService> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private (CountyNetwork Network, DateTimeOffset Until)? _cache;
    private TableClient Table => storage.Table(TableNames.Network);
    private string CountyCode => options.Value.CountyCode;

    public async Task<CountyNetwork> GetAsync(CancellationToken ct)
    {
        if (_cache is { } c && c.Until > clock.GetUtcNow()) return c.Network;
        var row = await Table.GetEntityIfExistsAsync<NetworkEntity>(CountyCode, NetworkEntity.CurrentRow, cancellationToken: ct);
        if (!row.HasValue || row.Value is null) throw new NotFoundException("The network");
        var network = CountyNetwork.Create(GzipJson.Deserialize<NetworkDocument>(row.Value.Document));
        _cache = (network, clock.GetUtcNow() + CacheFor);
        return network;
    }

    public async Task<CountyNetwork> ReplaceAsync(Security.Caller caller, NetworkDocument? document, CancellationToken ct)
    {
        caller.RequireCounty();
        var network = CountyNetwork.Create(document);
        if (network.CountyCode != CountyCode)
            throw ValidationFailedException.For("county.code", $"this deployment serves county {CountyCode}.");
        await Table.UpsertEntityAsync(ToEntity(network), TableUpdateMode.Replace, ct);
        _cache = (network, clock.GetUtcNow() + CacheFor);
        logger.LogInformation("Network of county {CountyCode} replaced: {Hubs} hubs, {Stations} stations, {Links} links",
            network.CountyCode, network.Document.Hubs.Count, network.Document.Stations.Count, network.Document.Links.Count);
        return network;
    }

    /// <summary>Loads the shipped Lianhua network when the county has none. Safe to run from several processes.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        var existing = await Table.GetEntityIfExistsAsync<NetworkEntity>(CountyCode, NetworkEntity.CurrentRow, cancellationToken: ct);
        if (existing.HasValue) return false;
        var network = CountyNetwork.Create(LoadShipped());
        try
        {
            await Table.AddEntityAsync(ToEntity(network), ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false; // another process seeded it first
        }
        logger.LogInformation("Loaded the shipped network of county {CountyCode}: {Stations} stations", network.CountyCode, network.Document.Stations.Count);
        return true;
    }

    public static NetworkDocument LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("lianhua-network.json")
            ?? throw new InvalidOperationException("The shipped network resource is missing.");
        return JsonSerializer.Deserialize<NetworkDocument>(stream, Json.Options)!;
    }

    private NetworkEntity ToEntity(CountyNetwork network)
    {
        var bytes = GzipJson.Serialize(network.Document);
        if (bytes.Length > 60_000)
            throw ValidationFailedException.For("body", "the network is too large to store as one document.");
        return new NetworkEntity { PartitionKey = CountyCode, RowKey = NetworkEntity.CurrentRow, Document = bytes };
    }
}

public sealed class NetworkEntity : ITableEntity
{
    public const string CurrentRow = "current";
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public byte[] Document { get; set; } = [];
}
