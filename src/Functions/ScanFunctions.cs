using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class ScanFunctions(ApiKeyService keys, ScanService scans)
{
    [Function("ScanShipment")]
    public async Task<IResult> Scan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shipments/{id}/scans")] HttpRequest req, string id, CancellationToken ct)
    {
        var (caller, key, body) = await req.ReadIdempotentAsync<ScanRequest>(keys, ct);
        return (await scans.ScanAsync(caller, id, key, body, ct)).ToResult();
    }

    [Function("UnlockShipment")]
    public async Task<IResult> Unlock(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shipments/{id}/unlock")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await scans.UnlockAsync(caller, id, ct));
    }
}
