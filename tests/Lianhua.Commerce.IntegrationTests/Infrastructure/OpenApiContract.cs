using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Lianhua.Commerce.Functions;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// The served OpenAPI document as a checker of real answers: <see cref="Api"/> passes every response through
/// <see cref="Check"/>, which finds the operation (method + path template), the documented status and media type,
/// and validates the JSON body with JsonSchema.Net (draft 2020-12, the dialect of OpenAPI 3.1).
/// </summary>
public static class OpenApiContract
{
    private static readonly Uri BaseUri = new("https://lianhua.test/openapi.json");
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private static readonly JsonNode Document = JsonNode.Parse(OpenApiFunctions.OpenDocument())!;

    // The whole document is the base document of every schema built here, so "#/components/schemas/..." resolves in it.
    private static readonly BuildOptions Build = CreateBuildOptions();
    private static readonly Dictionary<string, JsonSchema> Schemas = new(); // by pointer; guarded: test classes run in parallel

    // Literal segments win over parameters, as in ASP.NET Core routing: fewer parameters first.
    private static readonly (string Template, Regex Pattern)[] Templates = Document["paths"]!.AsObject()
        .Select(p => (p.Key, new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^/]+?}", "[^/]+") + "$")))
        .OrderBy(p => p.Key.Count(c => c == '{')).ToArray();

    /// <summary>Every documented operation as ("GET", "/listings/{id}").</summary>
    public static IEnumerable<(string Method, string Template)> Operations =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
            .Select(o => (o.Key.ToUpperInvariant(), p.Key)));

    /// <summary>Throws unless the document has this status for the request's operation, and the body fits its schema.</summary>
    public static void Check(HttpMethod method, string path, int status, string? mediaType, string raw)
    {
        var template = Templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Template;
        var operation = template is null ? null : Document["paths"]![template]![method.Method.ToLowerInvariant()];
        var name = $"{method.Method} {template ?? path}";
        if (operation is null) throw new ContractException($"{name} is not an operation of openapi.json.");
        if (operation["responses"]![status.ToString()] is null)
            throw new ContractException($"{name} answered {status}, a status openapi.json does not document for it: {raw}");

        var (response, node) = Resolve($"/paths/{template!.Replace("~", "~0").Replace("/", "~1")}/{method.Method.ToLowerInvariant()}/responses/{status}");
        var documented = node["content"]?.AsObject();
        if (raw.Length == 0)
        {
            if (documented is not null) throw new ContractException($"{name} answered {status} without the body openapi.json documents.");
            return;
        }
        if (mediaType is null || documented?[mediaType] is null)
            throw new ContractException($"{name} answered {status} with {mediaType ?? "no"} content; openapi.json documents " +
                                        $"{(documented is null ? "none" : string.Join(", ", documented.Select(c => c.Key)))}: {raw}");
        if (!mediaType.Contains("json")) return; // a CSV download: its media type is checked, the tests read its rows
        var results = Validate($"{response}/content/{mediaType.Replace("/", "~1")}/schema", JsonNode.Parse(raw));
        if (!results.IsValid) throw new ContractException($"{name} answered {status} with a body that does not fit openapi.json:\n{Describe(results)}\n{raw}");
    }

    /// <summary>Validates an instance against the schema at a JSON pointer of the document, e.g. "/components/schemas/Listing".</summary>
    public static EvaluationResults Validate(string pointer, JsonNode? instance)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(pointer, out var schema))
            {
                var fragment = string.Join('/', pointer.Split('/').Select(Uri.EscapeDataString)); // "+" of problem+json, "{" of {id}
                Schemas[pointer] = schema = JsonSchema.FromText($$"""{"$ref": "{{BaseUri}}#{{fragment}}"}""", Build);
            }
            return schema.Evaluate(JsonSerializer.SerializeToElement(instance), Evaluation);
        }
    }

    public static string Describe(EvaluationResults results) => string.Join("\n", new[] { results }.Concat(results.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation}: {e.Value} ({d.SchemaLocation})")));

    /// <summary>The node at a pointer, following a $ref (a response of #/components/responses/...) to where it leads.</summary>
    private static (string Pointer, JsonNode Node) Resolve(string pointer)
    {
        var node = Document;
        foreach (var segment in pointer.Split('/').Skip(1)) node = node[segment.Replace("~1", "/").Replace("~0", "~")]!;
        return node["$ref"]?.GetValue<string>() is { } target ? Resolve(target.TrimStart('#')) : (pointer, node);
    }

    private static BuildOptions CreateBuildOptions()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        options.SchemaRegistry.Register(BaseUri, new JsonElementBaseDocument(JsonSerializer.SerializeToElement(Document), BaseUri));
        return options;
    }
}

public sealed class ContractException(string message) : Exception(message);
