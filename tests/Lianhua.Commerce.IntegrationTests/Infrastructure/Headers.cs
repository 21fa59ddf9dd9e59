namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>The request headers tests send besides the API key.</summary>
public static class Headers
{
    /// <summary>An Idempotency-Key: a new one, or <paramref name="key"/> (a replay, or a key chosen to be invalid).</summary>
    public static Dictionary<string, string> Idempotency(string? key = null) => new() { ["Idempotency-Key"] = key ?? Guid.NewGuid().ToString("N") };

    /// <summary>An If-Match: the ETag given, or "*" (whatever the listing's version).</summary>
    public static Dictionary<string, string> IfMatch(string etag = "*") => new() { ["If-Match"] = etag };
}
