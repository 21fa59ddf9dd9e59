using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Lianhua.Commerce.Core.Tests;

public sealed class StorageClientTests
{
    private static CommerceStorage Build(Dictionary<string, string?> settings) =>
        new(ServiceCollectionExtensions.ReadStorageOptions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

    [Fact]
    public void ConnectionString_BuildsKeyClientsForAzurite()
    {
        var storage = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        Assert.False(storage.UsesIdentity);
        Assert.Equal("devstoreaccount1", storage.Tables.AccountName);
        Assert.Equal("127.0.0.1", storage.Queues.Uri.Host);
    }

    [Fact]
    public void AccountName_BuildsIdentityClientsForAzure()
    {
        var storage = Build(new() { ["AzureWebJobsStorage:accountName"] = "lianhuaprod", ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001" });
        Assert.True(storage.UsesIdentity);
        Assert.Equal(new Uri("https://lianhuaprod.table.core.windows.net"), storage.Tables.Uri);
        Assert.Equal(new Uri("https://lianhuaprod.queue.core.windows.net"), storage.Queues.Uri);
    }

    [Fact]
    public void ServiceUris_WinOverTheAccountName()
    {
        var storage = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://custom.table.core.chinacloudapi.cn",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://custom.queue.core.chinacloudapi.cn",
        });
        Assert.True(storage.UsesIdentity);
        Assert.Equal("custom.table.core.chinacloudapi.cn", storage.Tables.Uri.Host);
        Assert.Equal("custom.queue.core.chinacloudapi.cn", storage.Queues.Uri.Host);
    }

    [Fact]
    public void NothingConfigured_FailsWithAClearMessage()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(new()));
        Assert.Contains("AzureWebJobsStorage", e.Message);
    }

    [Fact]
    public void Prefix_AppliesToTablesAndQueues_AndMustBeLowerCaseAlphanumeric()
    {
        var storage = new CommerceStorage(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", Prefix = "t123" });
        Assert.Equal("t123Listings", storage.Table(TableNames.Listings).Name);
        Assert.Equal("t123-orders-placed", storage.Queue(QueueNames.OrdersPlaced).Name);
        Assert.Throws<ArgumentException>(() => new CommerceStorage(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", Prefix = "T-1" }));
    }
}
