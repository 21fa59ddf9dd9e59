namespace Lianhua.Commerce.Core.Security;

public sealed record IssuedKey(string KeyId, string Key, string Role, string? ScopeId);
