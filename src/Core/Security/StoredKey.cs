namespace Lianhua.Commerce.Core.Security;

/// <summary>
/// An API key as stored: the base64 SHA-256 of the whole key, never the key itself. <see cref="Fenced"/>: a station key
/// with a fence row (see ApiKeyService): a placement may authenticate it from a copy.
/// </summary>
public sealed record StoredKey(string KeyId, string Hash, string Role, string? ScopeId, bool Fenced, DateTimeOffset CreatedAt, string CreatedBy);
