using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class OrderFunctions(ApiKeyService keys, PlacementService placement, OrderService orders)
{
    [Function("PlaceOrder")]
    public async Task<IResult> Place(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.PlacingCallerAsync(req, ct);
        var body = await keys.VerifiedOnFailureAsync(caller, async () =>
        {
            caller.RequireStation();
            IdempotencyKey.Require(req.Header("Idempotency-Key"));
            return await req.ReadJsonAsync<OrderRequest>(ct);
        }, ct);
        return (await placement.PlaceAsync(caller, req.Header("Idempotency-Key"), body, ct)).ToResult();
    }

    [Function("GetOrder")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{id}")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(OrderView.From((await orders.GetAsync(caller, id, ct)).ToOrder()));
    }

    [Function("ListStationOrders")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/orders")] HttpRequest req, string stationId, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        var page = await orders.ListAsync(caller, stationId, req.Query("status"), Paging.Size(req.Query("pageSize")), req.Query("continuationToken"), ct);
        return TypedResults.Ok(new { items = page.Items.Select(OrderView.From), continuationToken = page.ContinuationToken });
    }

    [Function("CancelOrder")]
    public async Task<IResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/cancel")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        IdempotencyKey.Require(req.Header("Idempotency-Key"));
        var body = await req.ReadJsonAsync<CancelRequest>(ct);
        return (await orders.CancelAsync(caller, id, req.Header("Idempotency-Key"), body, ct)).ToResult();
    }
}
