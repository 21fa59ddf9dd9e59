using Lianhua.Commerce.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

public static class Callers
{
    /// <summary>Authenticates X-Api-Key inside the function, so both hosts enforce it the same way.</summary>
    public static Task<Caller> CallerAsync(this ApiKeyService keys, HttpRequest req, CancellationToken ct) =>
        keys.AuthenticateAsync(req.Header("X-Api-Key"), ct);

    /// <summary>For a placement only: may authenticate from this instance's copy of the key (its commit checks the key's fence).</summary>
    public static Task<Caller> PlacingCallerAsync(this ApiKeyService keys, HttpRequest req, CancellationToken ct) =>
        keys.AuthenticateAsync(req.Header("X-Api-Key"), allowCopy: true, ct);
}
