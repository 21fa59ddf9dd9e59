using System.Reflection;

namespace Lianhua.Commerce.LocalHost;

/// <summary>Creates the function class from DI (as the worker does) and calls the method, awaiting Task results.</summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
        var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        switch (returned)
        {
            case Task task:
                await task;
                return method.ReturnType.IsGenericType ? method.ReturnType.GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
