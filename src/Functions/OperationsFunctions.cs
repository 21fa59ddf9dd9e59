using Lianhua.Commerce.Core.Operations;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class OperationsFunctions(ApiKeyService keys, AttentionService attention)
{
    [Function("GetAttention")]
    public async Task<IResult> Attention(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "attention")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await attention.GetAsync(caller, ct));
    }
}
