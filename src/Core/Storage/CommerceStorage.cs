using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>The storage account: tables and queues, by connection string (Azurite) or by identity (Azure).</summary>
public sealed class CommerceStorage
{
    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public string Prefix { get; }
    public bool UsesIdentity { get; }

    public CommerceStorage(StorageOptions options, IEnumerable<HttpPipelinePolicy>? policies = null)
    {
        Prefix = options.Prefix;
        if (Prefix.Any(c => !char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c)) || (Prefix.Length > 0 && !char.IsAsciiLetterLower(Prefix[0])))
            throw new ArgumentException("The storage prefix must be lower-case letters and digits, starting with a letter.");
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        foreach (var policy in policies ?? [])
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            return;
        }

        var tableUri = options.TableServiceUri ?? AccountUri(options.AccountName, "table");
        var queueUri = options.QueueServiceUri ?? AccountUri(options.AccountName, "queue");
        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = options.ClientId,
        });
        Tables = new TableServiceClient(tableUri, credential, tableOptions);
        Queues = new QueueServiceClient(queueUri, credential, queueOptions);
        UsesIdentity = true;
    }

    // Clients are thread-safe and share the service client's pipeline; one per name (making one parses its URI each time).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableClient> _tables = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, QueueClient> _queues = new();

    public TableClient Table(string name) => _tables.GetOrAdd(name, n => Tables.GetTableClient(Prefix + n));

    public QueueClient Queue(string name) => _queues.GetOrAdd(name, n => Queues.GetQueueClient(QueueName(Prefix, n)));

    public static string QueueName(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";

    private static Uri AccountUri(string? account, string service) =>
        string.IsNullOrWhiteSpace(account)
            ? throw new InvalidOperationException("Storage is not configured: set AzureWebJobsStorage (connection string) or AzureWebJobsStorage__accountName.")
            : new Uri($"https://{account}.{service}.core.windows.net");
}
