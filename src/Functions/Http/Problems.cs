using Lianhua.Commerce.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Functions.Http;

/// <summary>The one mapping from exceptions to RFC 9457 problem details, used by both hosts.</summary>
public static class Problems
{
    public static IResult From(Exception exception, ILogger logger)
    {
        switch (exception)
        {
            case ValidationFailedException v:
                return TypedResults.ValidationProblem(v.Errors, v.Message, title: v.Title);
            case CommerceException c:
                var problem = TypedResults.Problem(c.Message, statusCode: c.Status, title: c.Title,
                    extensions: c.Extensions.Count > 0 ? c.Extensions : null);
                return c.Headers is { } headers ? new WithHeaders(problem, headers) : problem;
            case OperationCanceledException:
                return TypedResults.Problem("The request was cancelled.", statusCode: 499, title: "Cancelled");
            default:
                logger.LogError(exception, "Unhandled {ExceptionType}", exception.GetType().Name);
                return TypedResults.Problem("Something went wrong on our side; try again.", statusCode: 500, title: "Internal error");
        }
    }
}

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
