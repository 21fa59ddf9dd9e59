using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

public static class IdempotentWrites
{
    /// <summary>
    /// A write that needs an Idempotency-Key (cancel, refund, scan), checked in the contract's order: the caller (401), the
    /// key (400), then the body (413, 400).
    /// </summary>
    public static async Task<(Caller Caller, IdempotencyKey Key, T Body)> ReadIdempotentAsync<T>(this HttpRequest req, ApiKeyService keys,
        CancellationToken ct) where T : class
    {
        var caller = await keys.CallerAsync(req, ct);
        var key = IdempotencyKey.Parse(req.Header("Idempotency-Key"));
        return (caller, key, await req.ReadJsonAsync<T>(ct));
    }
}
