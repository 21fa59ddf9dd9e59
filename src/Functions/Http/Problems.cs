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
                return c.RetryAfter is { } retryAfter
                    ? new WithHeaders(problem, new Dictionary<string, string> { ["Retry-After"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) })
                    : problem;
            case OperationCanceledException:
                return Typed(TypedResults.Problem("The request was cancelled.", statusCode: 499, title: "Cancelled"));
            default:
                logger.LogError(exception, "Unhandled {ExceptionType}", exception.GetType().Name);
                return TypedResults.Problem("Something went wrong on our side; try again.", statusCode: 500, title: "Internal error");
        }
    }

    /// <summary>
    /// A rejection kept with an Idempotency-Key, as the problem detail it answers: the same bytes each time it is given,
    /// so a replay gets exactly the first answer. <c>type</c> as ASP.NET Core gives it for the status.
    /// </summary>
    public static string Of(int status, Core.Idempotency.StoredRejection rejection)
    {
        var problem = new Dictionary<string, object?>
        {
            ["type"] = TypeOf(status),
            ["title"] = rejection.Title,
            ["status"] = status,
            ["detail"] = rejection.Detail,
        };
        if (rejection.Shortages is { } shortages) problem["shortages"] = shortages;
        return System.Text.Json.JsonSerializer.Serialize(problem, Json.Options);
    }

    private static string TypeOf(int status) => status switch
    {
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        _ => "about:blank",
    };

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
