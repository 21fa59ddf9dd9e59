namespace Lianhua.Commerce.Core.Routing;

public sealed record EventView(string Event, string NodeId, string At);
