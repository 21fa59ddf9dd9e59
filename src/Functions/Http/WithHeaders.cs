using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

/// <summary>Adds response headers (ETag, Retry-After, Idempotent-Replayed) to another result.</summary>
public sealed class WithHeaders(IResult inner, IReadOnlyDictionary<string, string> headers) : IResult
{
    public IResult Inner => inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in headers) httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
