using Lianhua.Commerce.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
                var problem = Typed(TypedResults.Problem(c.Message, statusCode: c.Status, title: c.Title,
                    extensions: c.Extensions.Count > 0 ? c.Extensions : null));
                return c.Headers is { } headers ? new WithHeaders(problem, headers) : problem;
            case OperationCanceledException:
                return Typed(TypedResults.Problem("The request was cancelled.", statusCode: 499, title: "Cancelled"));
            default:
                logger.LogError(exception, "Unhandled {ExceptionType}", exception.GetType().Name);
                return TypedResults.Problem("Something went wrong on our side; try again.", statusCode: 500, title: "Internal error");
        }
    }

    /// <summary>
    /// Every problem carries a <c>type</c> (the contract lists it): ASP.NET Core fills it for the common statuses; 428 gets
    /// its RFC, anything else without one <c>about:blank</c> (what RFC 9457 means by a problem without a type).
    /// </summary>
    private static ProblemHttpResult Typed(ProblemHttpResult problem)
    {
        problem.ProblemDetails.Type ??= problem.StatusCode == 428 ? "https://tools.ietf.org/html/rfc6585#section-3" : "about:blank";
        return problem;
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
