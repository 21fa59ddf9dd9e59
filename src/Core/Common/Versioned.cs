namespace Lianhua.Commerce.Core.Common;

public sealed record Versioned<T>(T Value, string ETag);
