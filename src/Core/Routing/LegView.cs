namespace Lianhua.Commerce.Core.Routing;

public sealed record LegView(int Seq, string From, string To, string RunId, string Date, string Status);
