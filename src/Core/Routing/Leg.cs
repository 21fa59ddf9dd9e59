namespace Lianhua.Commerce.Core.Routing;

/// <summary>One hop of a delivery path. <see cref="Seq"/> starts at 1; capacity is the link's, per run.</summary>
public sealed record Leg(int Seq, string From, string To, long CapacityGrams);
