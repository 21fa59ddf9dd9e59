using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Lianhua.Commerce.LocalHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.OpenApi;

public sealed class OpenApiDocumentTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    // Operations documented ahead of the code (none now). Remove an entry once its function is served:
    // this test fails while a served route is still listed.
    private static readonly string[] Pending = [];

    [Fact]
    public void EveryHttpFunction_IsDocumented_AndEveryDocumentedOperationIsServed()
    {
        var functions = FunctionCatalog.FunctionsAssembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters()).Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
            .SelectMany(t => (t.Methods ?? ["get", "post"]).Select(m => Operation(m, t.Route!))).ToHashSet();
        var served = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => Operation(m, e.RoutePattern.RawText!["/api/".Length..]))).ToHashSet();
        var documented = OpenApiContract.Operations.Select(o => Operation(o.Method, o.Template)).ToHashSet();

        Assert.NotEmpty(functions);
        Assert.True(functions.IsSubsetOf(documented), $"functions not in openapi.json: {Show(functions.Except(documented))}");
        Assert.True(served.IsSubsetOf(documented), $"served but not in openapi.json: {Show(served.Except(documented))}");
        var unserved = documented.Except(Pending).Where(o => !functions.Contains(o) || !served.Contains(o)).ToList();
        Assert.True(unserved.Count == 0, $"in openapi.json but not served: {Show(unserved)}");
        Assert.True(Pending.All(documented.Contains), $"pending but not in openapi.json: {Show(Pending.Except(documented))}");
        Assert.False(Pending.Any(served.Contains), $"served now, remove from Pending: {Show(Pending.Intersect(served))}");
    }

    [Fact]
    public async Task OpenApiJson_IsServedWithoutAKey_AsTheCheckedInDocument()
    {
        var response = await host.Client().Get("openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestStorage.RepoRoot, "src", "Functions", "openapi.json")));
        Assert.True(JsonNode.DeepEquals(checkedIn, response.Json), "the served document differs from src/Functions/openapi.json");
        Assert.StartsWith("3.1.", response.Json["openapi"]!.GetValue<string>());
    }

    [Fact]
    public void ListingSchema_AcceptsAListing_AndRejectsOneWithoutIdOrWithABadProducerShare()
    {
        Assert.True(OpenApiContract.Validate("/components/schemas/Listing", Listing()).IsValid);

        var withoutId = Listing();
        withoutId.AsObject().Remove("id");
        var results = OpenApiContract.Validate("/components/schemas/Listing", withoutId);
        Assert.False(results.IsValid);
        Assert.Contains("id", OpenApiContract.Describe(results));

        var badShare = Listing();
        badShare["producers"] = new JsonArray(new JsonObject { ["householdId"] = "hh-1", ["shareBp"] = 20_000 });
        Assert.False(OpenApiContract.Validate("/components/schemas/Listing", badShare).IsValid);
    }

    [Theory]
    [InlineData("GET", "/listings/abc", 500, "application/problem+json", """{"title":"Internal error","status":500}""")]
    [InlineData("GET", "/listings/abc", 200, "text/plain", "莲花白莲")]
    [InlineData("GET", "/listings/abc", 200, "application/json", """{"id":"abc"}""")]
    [InlineData("GET", "/listings/abc", 404, "application/problem+json", """{"status":404}""")]
    [InlineData("DELETE", "/keys/abc", 204, "application/json", """{"keyId":"abc"}""")]
    [InlineData("PUT", "/listings/abc", 200, "application/json", "{}")]
    [InlineData("GET", "/nowhere", 200, "application/json", "{}")]
    public void Check_FailsAnAnswerTheDocumentDoesNotDescribe(string method, string path, int status, string mediaType, string raw)
    {
        Assert.Throws<ContractException>(() => OpenApiContract.Check(new HttpMethod(method), path, status, mediaType, raw));
    }

    [Fact]
    public void Check_PassesAnAnswerTheDocumentDescribes()
    {
        OpenApiContract.Check(HttpMethod.Get, "/listings/abc", 200, "application/json", Listing().ToJsonString());
        OpenApiContract.Check(HttpMethod.Delete, "/keys/abc", 204, null, "");
    }

    private static JsonNode Listing() => JsonNode.Parse("""
        {"id": "360321101-01936b5e8f2a7c3d9e4f5a6b7c8d9e0f", "stationId": "st-360321101-01", "townshipCode": "360321101",
         "title": "莲花白莲 500g", "category": "lotus-seed", "unit": "bag", "unitWeightGrams": 500, "priceFen": 4550, "stock": 30,
         "producers": [{"householdId": "hh-1", "shareBp": 6000}]}
        """)!;

    private static string Operation(string method, string route) =>
        $"{method.ToUpperInvariant()} /{Regex.Replace(route.Trim('/'), @"\{(\w+)[^}]*\}", "{$1}")}";

    private static string Show(IEnumerable<string> operations) => string.Join(", ", operations.Order());
}
