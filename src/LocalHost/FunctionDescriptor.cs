using System.Reflection;

namespace Lianhua.Commerce.LocalHost;

/// <summary>One [Function] method and its trigger, as the Functions host would see it.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, TriggerKind Kind, ParameterInfo TriggerParameter,
    string? Route, IReadOnlyList<string> HttpMethods, string? QueueName, string? Schedule);
