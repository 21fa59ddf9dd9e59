using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Placement;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class OrderFunctions(ApiKeyService keys, PlacementService placement, OrderService orders, RefundService refunds)
{
    [Function("PlaceOrder")]
    public async Task<IResult> Place(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.PlacingCallerAsync(req, ct);
        // Checked in the contract's order (role, key, body); a key taken from this instance's copy is read afresh before any of these answers.
        var (key, body) = await keys.VerifiedOnFailureAsync(caller, async () =>
        {
            caller.RequireStation();
            var key = IdempotencyKey.Parse(req.Header("Idempotency-Key"));
            return (key, await req.ReadJsonAsync<OrderRequest>(ct));
        }, ct);
        return (await placement.PlaceAsync(caller, key, body, ct)).ToResult();
    }

    [Function("GetOrder")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{id}")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(OrderView.From(await orders.GetAsync(caller, id, ct)));
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
        var (caller, key, body) = await req.ReadIdempotentAsync<CancelRequest>(keys, ct);
        return (await orders.CancelAsync(caller, id, key, body, ct)).ToResult();
    }

    [Function("RefundOrder")]
    public async Task<IResult> Refund(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/refunds")] HttpRequest req, string id, CancellationToken ct)
    {
        var (caller, key, body) = await req.ReadIdempotentAsync<RefundRequest>(keys, ct);
        return (await refunds.RefundAsync(caller, id, key, body, ct)).ToResult();
    }
}
