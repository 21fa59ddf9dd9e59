using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Idempotency;

/// <summary>A checked Idempotency-Key header: 1–64 characters of A–Z a–z 0–9 - _ . : (contract). Only <see cref="Parse"/> makes one.</summary>
public readonly record struct IdempotencyKey
{
    public string Value { get; }

    private IdempotencyKey(string value) => Value = value;

    /// <summary>Anything else than a well-formed key, or none, is a 400.</summary>
    public static IdempotencyKey Parse(string? key) =>
        key is { Length: >= 1 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? new IdempotencyKey(key)
            : throw ValidationFailedException.For("Idempotency-Key", "send a header Idempotency-Key of 1–64 characters from A–Z a–z 0–9 - _ . :");

    public override string ToString() => Value;
}
