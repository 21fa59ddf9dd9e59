using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class ListingFunctions(ApiKeyService keys, ListingService listings)
{
    [Function("CreateListing")]
    public async Task<IResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "listings")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireStation();
        var created = await listings.CreateAsync(caller, await req.ReadJsonAsync<NewListing>(ct), ct);
        return WithETag(TypedResults.Created($"/api/listings/{created.Value.Id}", created.Value), created);
    }

    [Function("GetListing")]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "listings/{id}")] HttpRequest req, string id, CancellationToken ct)
    {
        await keys.CallerAsync(req, ct);
        var listing = await listings.GetAsync(id, ct);
        return WithETag(TypedResults.Ok(listing.Value), listing);
    }

    [Function("ListListings")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "listings")] HttpRequest req, CancellationToken ct)
    {
        await keys.CallerAsync(req, ct);
        var query = new ListingQuery(req.Query("townshipCode"), req.Query("category"), req.Query("stationId"),
            Paging.Size(req.Query("pageSize")), req.Query("continuationToken"));
        var page = await listings.ListAsync(query, ct);
        return TypedResults.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    }

    [Function("PatchListing")]
    public async Task<IResult> Patch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "listings/{id}")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        var patch = await req.ReadJsonAsync<ListingPatch>(ct);
        var saved = await listings.PatchAsync(caller, id, req.Header("If-Match"), patch, ct);
        return WithETag(TypedResults.Ok(saved.Value), saved);
    }

    private static IResult WithETag<T>(IResult result, Versioned<T> versioned) =>
        new WithHeaders(result, new Dictionary<string, string> { ["ETag"] = versioned.ETag });
}
