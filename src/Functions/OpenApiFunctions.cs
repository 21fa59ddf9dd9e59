using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

/// <summary>Serves the checked-in OpenAPI 3.1 document (src/Functions/openapi.json, embedded at build time).</summary>
public sealed class OpenApiFunctions
{
    public const string ResourceName = "openapi.json";

    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = OpenDocument();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    public static Stream OpenDocument() => typeof(OpenApiFunctions).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException("The OpenAPI document resource is missing.");

    [Function("OpenApi")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) =>
        TypedResults.Bytes(Document.Value, "application/json");
}
