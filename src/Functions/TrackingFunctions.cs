using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class TrackingFunctions(ApiKeyService keys, TrackingService tracking)
{
    [Function("TrackOrder")]
    public async Task<IResult> Track(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{id}/tracking")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await tracking.TrackingAsync(caller, id, ct));
    }

    [Function("ListRuns")]
    public async Task<IResult> Runs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        var page = await tracking.RunsAsync(caller, req.Query("nodeId"), req.Query("date"), Paging.Size(req.Query("pageSize")), req.Query("continuationToken"), ct);
        return TypedResults.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    }
}
