using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class DeliveryFunctions(ApiKeyService keys, ScanService delivery)
{
    [Function("ScanShipment")]
    public async Task<IResult> Scan(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shipments/{id}/scans")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        Core.Common.IdempotencyKey.Require(req.Header("Idempotency-Key"));
        var body = await req.ReadJsonAsync<ScanRequest>(ct);
        return (await delivery.ScanAsync(caller, id, req.Header("Idempotency-Key"), body, ct)).ToResult();
    }

    [Function("UnlockShipment")]
    public async Task<IResult> Unlock(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "shipments/{id}/unlock")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await delivery.UnlockAsync(caller, id, ct));
    }

    [Function("TrackOrder")]
    public async Task<IResult> Track(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{id}/tracking")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await delivery.TrackingAsync(caller, id, ct));
    }

    [Function("ListRuns")]
    public async Task<IResult> Runs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        var items = await delivery.RunsAsync(caller, req.Query("nodeId"), req.Query("date"), ct);
        return TypedResults.Ok(new { items, continuationToken = (string?)null });
    }
}
