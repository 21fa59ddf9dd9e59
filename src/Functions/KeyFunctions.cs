using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class KeyFunctions(ApiKeyService keys)
{
    public sealed record KeyRequest(string? Role, string? ScopeId);

    [Function("CreateKey")]
    public async Task<IResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "keys")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireCounty();
        var body = await req.ReadJsonAsync<KeyRequest>(ct);
        var issued = await keys.CreateAsync(caller, body.Role, body.ScopeId, ct);
        return TypedResults.Created($"/api/keys/{issued.KeyId}", issued);
    }

    [Function("RevokeKey")]
    public async Task<IResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "keys/{keyId}")] HttpRequest req, string keyId, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        await keys.RevokeAsync(caller, keyId, ct);
        return TypedResults.NoContent();
    }
}
