using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Functions.Http;

/// <summary>In the Functions host: turns exceptions of HTTP functions into problem details. LocalHost calls <see cref="Problems"/> itself.</summary>
public sealed class ErrorMiddleware(ILogger<ErrorMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { } http)
        {
            await Problems.From(e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e, logger).ExecuteAsync(http);
        }
    }
}
