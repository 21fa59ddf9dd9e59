using Lianhua.Commerce.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class HealthFunctions(StorageInitializer storage)
{
    [Function("Health")]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, CancellationToken ct)
        => await storage.IsHealthyAsync(ct)
            ? TypedResults.Ok(new { status = "ok" })
            : TypedResults.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
