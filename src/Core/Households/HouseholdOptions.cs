namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// Configuration section <c>Commerce:Households</c>: the keys that protect households' personal data (docs/operations.md).
/// Required: the app does not start without them (<see cref="HouseholdOptionsValidation"/>).
/// </summary>
public sealed class HouseholdOptions
{
    public const string Section = "Commerce:Households";

    /// <summary>The id of the AES key new writes use; one of <see cref="Keys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// AES-256-GCM keys by id (<c>Commerce:Households:Keys:{id}</c>), each base64 of 32 bytes. Every key that encrypted
    /// data must stay here: a ciphertext names its key id, and a key id must always mean the same bytes.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// HMAC-SHA256 key of the national ID blind index, base64 of 32 bytes or more, separate from the AES keys. Changing it
    /// needs a re-index of every household (not supported online): until then duplicates of old households go unseen.
    /// </summary>
    public string? BlindIndexKey { get; set; }
}
