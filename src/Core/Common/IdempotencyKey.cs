namespace Lianhua.Commerce.Core.Common;

public static class IdempotencyKey
{
    /// <summary>1–64 characters of A–Z a–z 0–9 - _ . : (contract); anything else, or none, is a 400.</summary>
    public static string Require(string? key) =>
        key is { Length: >= 1 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? key
            : throw ValidationFailedException.For("Idempotency-Key", "send a header Idempotency-Key of 1–64 characters from A–Z a–z 0–9 - _ . :");
}
