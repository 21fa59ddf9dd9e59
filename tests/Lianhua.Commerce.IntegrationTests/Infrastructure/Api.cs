using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, string? ContentType, string Raw)
{
    public JsonNode Json => Body ?? throw new InvalidOperationException($"No JSON body ({(int)Status}): {Raw}");
    public string? Header(string name) => Headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null;
    public override string ToString() => $"{(int)Status} {Raw}";
}

/// <summary>
/// A small HTTP client of the API, as a station app or the county office would call it. Every answer must be one that
/// openapi.json documents for the operation (status, media type, body schema), else <see cref="Send"/> throws.
/// </summary>
public sealed class Api(Uri baseAddress, string? key)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The X-Api-Key this client sends (to call another instance with the same key).</summary>
    public string? Key => key;

    /// <summary>The same key against another address (a restarted LocalHost).</summary>
    public Api At(Uri address) => new(address, key);

    /// <summary>Another key against the same address (a key this client's county key issued).</summary>
    public Api WithKey(string? other) => new(baseAddress, other);

    public Task<ApiResponse> Get(string path, IDictionary<string, string>? headers = null) => Send(HttpMethod.Get, path, null, headers);
    public Task<ApiResponse> Post(string path, object? body, IDictionary<string, string>? headers = null) => Send(HttpMethod.Post, path, body, headers);
    public Task<ApiResponse> Put(string path, object? body, IDictionary<string, string>? headers = null) => Send(HttpMethod.Put, path, body, headers);
    public Task<ApiResponse> Patch(string path, object? body, IDictionary<string, string>? headers = null) => Send(HttpMethod.Patch, path, body, headers);
    public Task<ApiResponse> Delete(string path) => Send(HttpMethod.Delete, path, null, null);

    /// <summary>Sends a raw body (malformed JSON, oversize payloads).</summary>
    public Task<ApiResponse> SendRaw(HttpMethod method, string path, string raw, IDictionary<string, string>? headers = null) =>
        Send(method, path, new StringContent(raw, Encoding.UTF8, "application/json"), headers);

    public async Task<ApiResponse> Send(HttpMethod method, string path, object? body, IDictionary<string, string>? headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path.TrimStart('/')));
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        };
        using var response = await Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (raw.Length > 0 && mediaType?.Contains("json") == true) json = JsonNode.Parse(raw);
        OpenApiContract.Check(method, "/" + request.RequestUri!.AbsolutePath[baseAddress.AbsolutePath.Length..], (int)response.StatusCode, mediaType, raw);
        return new ApiResponse(response.StatusCode, json, response.Headers, mediaType, raw);
    }
}
