using System.Text;
using Lianhua.Commerce.Core.Orders;
using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

public static class Stored
{
    /// <summary>The kept response, byte for byte; a replay says so in Idempotent-Replayed.</summary>
    public static IResult ToResult(this StoredResponse response)
    {
        var result = Results.Content(response.Body, response.ContentType, Encoding.UTF8, response.Status);
        return response.Replayed ? new WithHeaders(result, new Dictionary<string, string> { ["Idempotent-Replayed"] = "true" }) : result;
    }
}
