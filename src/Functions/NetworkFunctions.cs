using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class NetworkFunctions(ApiKeyService keys, NetworkService network)
{
    [Function("GetNetwork")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "network")] HttpRequest req, CancellationToken ct)
    {
        await keys.CallerAsync(req, ct);
        return TypedResults.Ok((await network.GetAsync(ct)).Document);
    }

    [Function("PutNetwork")]
    public async Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "network")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireCounty();
        var document = await req.ReadJsonAsync<NetworkDocument>(ct);
        return TypedResults.Ok((await network.ReplaceAsync(caller, document, ct)).Document);
    }
}
