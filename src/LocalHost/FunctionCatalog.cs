using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.LocalHost;

public static class FunctionCatalog
{
    public static Assembly FunctionsAssembly => typeof(Functions.HealthFunctions).Assembly;

    /// <summary>Every [Function] in the assembly, read from its attributes: the only route table there is.</summary>
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var found = new List<FunctionDescriptor>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
            var descriptor = method.GetParameters().Select(p => Describe(function.Name, method, p)).FirstOrDefault(d => d is not null)
                ?? throw new InvalidOperationException($"Function {function.Name} has a trigger LocalHost does not support.");
            found.Add(descriptor);
        }
        return found;
    }

    private static FunctionDescriptor? Describe(string name, MethodInfo method, ParameterInfo p)
    {
        if (p.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
            return new(name, method, TriggerKind.Http, p, http.Route ?? name, (http.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList(), null, null);
        if (p.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
            return new(name, method, TriggerKind.Queue, p, null, [], queue.QueueName, null);
        if (p.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
            return new(name, method, TriggerKind.Timer, p, null, [], null, timer.Schedule);
        return null;
    }
}
