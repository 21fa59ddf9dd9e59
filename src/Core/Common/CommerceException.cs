namespace Lianhua.Commerce.Core.Common;

/// <summary>A failure the client caused or can act on. Mapped to a problem detail by the HTTP layer.</summary>
public abstract class CommerceException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
    public abstract int Status { get; }
    public virtual IReadOnlyDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
    /// <summary>When the client may try again (a busy resource, a request still in flight); null when retrying will not help.</summary>
    public virtual TimeSpan? RetryAfter => null;
}
