using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Lianhua.Commerce.Functions;

/// <summary>Creates tables and queues when the worker starts (idempotent; cheap when they exist).</summary>
public sealed class StartupTasks(StorageInitializer storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
