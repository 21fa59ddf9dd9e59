using Azure;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>Creates the tables and queues (with their poison queues) once per process.</summary>
public sealed class StorageInitializer(CommerceStorage storage)
{
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        await Task.WhenAll(TableNames.All.Select(name => storage.Table(name).CreateIfNotExistsAsync(ct)));
        await Task.WhenAll(QueueNames.All
            .SelectMany(name => new[] { name, name + "-poison" })
            .Select(name => storage.Queue(name).CreateIfNotExistsAsync(cancellationToken: ct)));
    }

    /// <summary>True when storage answers a cheap request.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken ct = default)
    {
        try
        {
            await storage.Table(TableNames.ApiKeys).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "health", cancellationToken: ct);
            return true;
        }
        catch (RequestFailedException) { return false; }
        catch (HttpRequestException) { return false; }
        catch (AggregateException) { return false; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }
}
