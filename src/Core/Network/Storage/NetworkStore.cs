using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Network.Storage;

/// <summary>
/// The network is one entity per county (gzip JSON in a binary property), so a replace is atomic and a load is one
/// point read.
/// </summary>
public sealed class NetworkStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Network);

    public async Task<NetworkDocument?> FindAsync(string countyCode, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<NetworkEntity>(countyCode, NetworkEntity.CurrentRow, cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? GzipJson.Deserialize<NetworkDocument>(e.Document) : null;
    }

    public async Task<bool> ExistsAsync(string countyCode, CancellationToken ct) =>
        (await Table.GetEntityIfExistsAsync<NetworkEntity>(countyCode, NetworkEntity.CurrentRow, cancellationToken: ct)).HasValue;

    public async Task ReplaceAsync(string countyCode, NetworkDocument document, CancellationToken ct) =>
        await Table.UpsertEntityAsync(ToEntity(countyCode, document), TableUpdateMode.Replace, ct);

    /// <summary>False when the county has a network already.</summary>
    public async Task<bool> TryAddAsync(string countyCode, NetworkDocument document, CancellationToken ct)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(countyCode, document), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The document must fit one binary property (64 KiB), with room to spare.</summary>
    private static NetworkEntity ToEntity(string countyCode, NetworkDocument document)
    {
        var bytes = GzipJson.Serialize(document);
        if (bytes.Length > 60_000)
            throw ValidationFailedException.For("body", "the network is too large to store as one document.");
        return new NetworkEntity { PartitionKey = countyCode, RowKey = NetworkEntity.CurrentRow, Document = bytes };
    }
}
