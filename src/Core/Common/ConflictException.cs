namespace Lianhua.Commerce.Core.Common;

public class ConflictException(string detail, IReadOnlyDictionary<string, object?>? extensions = null, TimeSpan? retryAfter = null)
    : CommerceException("Conflict", detail)
{
    public override int Status => 409;
    public override IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
    public override TimeSpan? RetryAfter { get; } = retryAfter;
}
