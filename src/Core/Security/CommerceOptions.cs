namespace Lianhua.Commerce.Core.Security;

/// <summary>Configuration section "Commerce".</summary>
public sealed class CommerceOptions
{
    /// <summary>The bootstrap county key; compared by hash, never stored.</summary>
    public string? CountyApiKey { get; set; }

    /// <summary>The county this deployment serves (GB/T 2260 code). Part of every growing partition key.</summary>
    public string CountyCode { get; set; } = "360321";
}
