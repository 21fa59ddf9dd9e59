using System.Buffers.Text;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// An AES-256-GCM ciphertext with what opens it: the id of the key that sealed it, the 12-byte nonce and the 16-byte
/// tag. Stored as one string, <c>v1.{keyId}.{nonce}.{ciphertext}.{tag}</c> (base64url), so a row always names its key.
/// </summary>
public sealed record SealedText(string KeyId, byte[] Nonce, byte[] Ciphertext, byte[] Tag)
{
    private const string Version = "v1";

    public string Format() =>
        $"{Version}.{KeyId}.{Base64Url.EncodeToString(Nonce)}.{Base64Url.EncodeToString(Ciphertext)}.{Base64Url.EncodeToString(Tag)}";

    public static SealedText Parse(string stored)
    {
        var parts = stored.Split('.');
        if (parts.Length != 5 || parts[0] != Version || !HouseholdOptionsValidation.IsKeyId(parts[1]))
            throw new FormatException("Not a sealed text of this app.");
        return new SealedText(parts[1], Base64Url.DecodeFromChars(parts[2]), Base64Url.DecodeFromChars(parts[3]), Base64Url.DecodeFromChars(parts[4]));
    }
}
