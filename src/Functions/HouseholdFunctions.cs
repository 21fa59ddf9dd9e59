using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Households;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class HouseholdFunctions(ApiKeyService keys, HouseholdService households)
{
    [Function("RegisterHousehold")]
    public async Task<IResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "households")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireCounty();
        // Optional here: a registration without a key is refused as a duplicate when retried, never stored twice.
        IdempotencyKey? key = req.Header("Idempotency-Key") is { } header ? IdempotencyKey.Parse(header) : null;
        var registered = await households.RegisterAsync(caller, key, await req.ReadJsonAsync<NewHousehold>(ct), ct);
        return new WithHeaders(registered.Response.ToResult(),
            new Dictionary<string, string> { ["Location"] = $"/api/households/{registered.Household.Id}" });
    }

    [Function("GetHousehold")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "households/{id}")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await households.GetAsync(caller, id, ct));
    }

    [Function("ListStationHouseholds")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stations/{stationId}/households")] HttpRequest req, string stationId,
        CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        var page = await households.ListAsync(caller, stationId, Paging.Size(req.Query("pageSize")), req.Query("continuationToken"), ct);
        return TypedResults.Ok(new { items = page.Items.Select(HouseholdListItem.From), continuationToken = page.ContinuationToken });
    }
}
