using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

public static class RequestReader
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reads a JSON body of at most 64 KiB. Too large → 413; empty, malformed or mistyped → 400 naming the field.</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpRequest req, CancellationToken ct) where T : class
    {
        if (req.ContentLength > MaxBodyBytes) throw new PayloadTooLargeException(MaxBodyBytes);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await req.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new PayloadTooLargeException(MaxBodyBytes);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new BadRequestException("The request needs a JSON body.");
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json.Options)
                ?? throw new BadRequestException("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            throw ValidationFailedException.For(field, e.LineNumber is null && e.Path is null
                ? "is not valid JSON."
                : "is not valid JSON or has the wrong type.");
        }
    }

    /// <summary>
    /// A request header. Several lines of it count as one comma-joined value (RFC 9110 §5.3, as a proxy would merge them), so a
    /// second X-Api-Key, Idempotency-Key or If-Match is never ignored: the joined value is no valid key (401, 400) or ETag (412).
    /// </summary>
    public static string? Header(this HttpRequest req, string name) =>
        req.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>A query parameter; sent empty (<c>?townshipCode=&amp;category=rice</c>, as the contract writes its templates) it counts as not sent.</summary>
    public static string? Query(this HttpRequest req, string name) =>
        req.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
