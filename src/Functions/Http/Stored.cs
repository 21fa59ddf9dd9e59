using System.Text;
using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

public static class Stored
{
    /// <summary>
    /// The kept response, byte for byte the same for the first answer and every replay (a replay says so in
    /// Idempotent-Replayed): a success as its JSON, a rejection as a problem detail written from it (<see cref="Problems.Of"/>).
    /// </summary>
    public static IResult ToResult(this StoredResponse response)
    {
        var result = response.IsRejection
            ? Results.Content(Problems.Of(response.Status, JsonSerializer.Deserialize<StoredRejection>(response.Body, Json.Options)!),
                "application/problem+json", Encoding.UTF8, response.Status)
            : Results.Content(response.Body, "application/json", Encoding.UTF8, response.Status);
        return response.Replayed ? new WithHeaders(result, new Dictionary<string, string> { ["Idempotent-Replayed"] = "true" }) : result;
    }
}
