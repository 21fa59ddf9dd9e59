using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

/// <summary>
/// Writes a <see cref="StaticFile"/> compressed as the client accepts (br, else gzip, else as is) with its caching headers,
/// or 304 when the client's copy is current. Done here, in the function's result, so LocalHost and the Functions host answer
/// alike without middleware of their own.
/// </summary>
public sealed class StaticFileResult(StaticFile file, string cacheControl, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var coding = Coding(request.Headers.AcceptEncoding.ToString());
        var etag = coding == "identity" ? $"\"{file.Hash}\"" : $"\"{file.Hash}-{coding}\"";
        response.Headers.CacheControl = cacheControl;
        response.Headers.ETag = etag;
        response.Headers.Vary = "Accept-Encoding";
        response.Headers.XContentTypeOptions = "nosniff";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) response.Headers[name] = value;
        if (Matches(request.Headers.IfNoneMatch.ToString()))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var body = file.Encoded(coding);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        if (coding != "identity") response.Headers.ContentEncoding = coding;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    /// <summary>Any of the file's tags matches, whatever coding it was sent in: the content is the same.</summary>
    private bool Matches(string ifNoneMatch) => ifNoneMatch.Length > 0 && ifNoneMatch.Split(',')
        .Select(t => t.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"'))
        .Any(t => t == "*" || t == file.Hash || t == file.Hash + "-br" || t == file.Hash + "-gzip");

    /// <summary>br, else gzip, else identity; a coding listed with q=0 is refused (RFC 9110 §12.5.3).</summary>
    public static string Coding(string acceptEncoding)
    {
        var accepted = acceptEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(';', StringSplitOptions.TrimEntries))
            .Where(p => !p.Skip(1).Any(q => q.Replace(" ", "") is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"))
            .Select(p => p[0].ToLowerInvariant()).ToHashSet();
        return accepted.Contains("br") ? "br" : accepted.Contains("gzip") ? "gzip" : "identity";
    }
}
