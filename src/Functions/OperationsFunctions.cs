using Lianhua.Commerce.Core.Operations;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class OperationsFunctions(ApiKeyService keys, AttentionService attention, PoisonService poison)
{
    [Function("GetAttention")]
    public async Task<IResult> Attention(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "attention")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await attention.GetAsync(caller, ct));
    }

    /// <summary>Sends the messages of {queue}-poison back to {queue} once their cause is fixed; {queue} is the source queue.</summary>
    [Function("RedrivePoison")]
    public async Task<IResult> Redrive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/poison/{queue}/redrive")] HttpRequest req, string queue, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await poison.RedriveAsync(caller, queue, ct));
    }
}
