namespace Lianhua.Commerce.Core.Common;

public sealed record ResultPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
