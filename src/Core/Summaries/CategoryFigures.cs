namespace Lianhua.Commerce.Core.Summaries;

public sealed record CategoryFigures(string Category, long GmvFen, long Quantity);
