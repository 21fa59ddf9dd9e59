namespace Lianhua.Commerce.Core.Storage;

public sealed class StorageOptions
{
    /// <summary>Connection string (Azurite locally). When empty, <see cref="AccountName"/> or the service URIs are used with an identity.</summary>
    public string? ConnectionString { get; set; }
    public string? AccountName { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    /// <summary>Client id of a user-assigned managed identity, if any.</summary>
    public string? ClientId { get; set; }

    /// <summary>Lower-case letters and digits put before every table and queue name. Tests use it to isolate runs; empty in production.</summary>
    public string Prefix { get; set; } = "";
}
