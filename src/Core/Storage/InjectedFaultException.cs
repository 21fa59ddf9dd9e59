namespace Lianhua.Commerce.Core.Storage;

public sealed class InjectedFaultException(string what) : Exception($"Injected fault: {what}");
