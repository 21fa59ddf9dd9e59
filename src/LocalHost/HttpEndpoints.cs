using Lianhua.Commerce.Functions.Http;

namespace Lianhua.Commerce.LocalHost;

/// <summary>Serves HTTP-triggered functions on Kestrel under the host.json route prefix.</summary>
public static class HttpEndpoints
{
    public static void Map(WebApplication app, IEnumerable<FunctionDescriptor> functions, HostSettings settings)
    {
        foreach (var function in functions.Where(f => f.Kind == TriggerKind.Http))
        {
            var pattern = $"/{settings.RoutePrefix}/{function.Route!.TrimStart('/')}";
            app.MapMethods(pattern, function.HttpMethods, context => InvokeAsync(context, function)).WithName(function.Name);
        }
        // "{**path}", not the default "{**path:nonfile}": a path that looks like a file (/api/openapi.json with another method,
        // /api/x.txt) would otherwise get Kestrel's bare 404 without a problem detail.
        app.MapFallback("{**path}", context => TypedResults.Problem("No such resource.", statusCode: 404, title: "Not found").ExecuteAsync(context));
    }

    private static async Task InvokeAsync(HttpContext context, FunctionDescriptor function)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Function." + function.Name);
        IResult result;
        try
        {
            var arguments = function.Method.GetParameters().Select(p => Bind(p, context)).ToArray();
            result = await FunctionInvoker.InvokeAsync(context.RequestServices, function.Method, arguments) as IResult
                ?? throw new InvalidOperationException($"Function {function.Name} must return IResult.");
        }
        catch (Exception e)
        {
            result = Problems.From(e, logger);
        }
        await result.ExecuteAsync(context);
    }

    private static object? Bind(System.Reflection.ParameterInfo p, HttpContext context)
    {
        if (p.ParameterType == typeof(HttpRequest)) return context.Request;
        if (p.ParameterType == typeof(CancellationToken)) return context.RequestAborted;
        if (p.ParameterType == typeof(string) && context.Request.RouteValues.TryGetValue(p.Name!, out var value)) return value?.ToString();
        throw new InvalidOperationException($"LocalHost cannot bind parameter {p.Name} of {p.Member.Name}.");
    }
}
