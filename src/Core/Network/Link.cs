namespace Lianhua.Commerce.Core.Network;

/// <summary>A link serves both directions; each direction has runs of its own.</summary>
public sealed record Link(string From, string To, long CapacityGrams);
