using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// Encrypts households' personal data (AES-256-GCM: a random 12-byte nonce per value, a 16-byte tag) under the active
/// key, decrypts with whichever configured key a value names, and makes the keyed blind index that finds a national ID
/// without storing it. Each value is bound to where it belongs (<c>context</c>, e.g. the household id and field), so a
/// ciphertext copied into another row or field does not open.
/// </summary>
public sealed class PersonalDataProtector
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[] _blindIndexKey;

    public PersonalDataProtector(IOptions<HouseholdOptions> options) : this(options.Value)
    {
    }

    public PersonalDataProtector(HouseholdOptions options)
    {
        if (HouseholdOptionsValidation.Problems(options) is { Count: > 0 } problems)
            throw new InvalidOperationException(HouseholdOptionsValidation.Message(problems));
        foreach (var (id, value) in options.Keys) _keys[id] = HouseholdOptionsValidation.Bytes(value)!;
        ActiveKeyId = options.Keys.Keys.First(id => string.Equals(id, options.ActiveKeyId, StringComparison.OrdinalIgnoreCase));
        _blindIndexKey = HouseholdOptionsValidation.Bytes(options.BlindIndexKey)!;
    }

    public string ActiveKeyId { get; }

    public SealedText Seal(string plaintext, string context)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plain.Length];
        var tag = new byte[TagBytes];
        using var aes = new AesGcm(_keys[ActiveKeyId], TagBytes);
        aes.Encrypt(nonce, plain, ciphertext, tag, Encoding.UTF8.GetBytes(context));
        return new SealedText(ActiveKeyId, nonce, ciphertext, tag);
    }

    /// <summary>The plaintext; throws when the key is not configured or the value was changed (or belongs elsewhere).</summary>
    public string Open(SealedText value, string context)
    {
        if (!_keys.TryGetValue(value.KeyId, out var key))
            throw new InvalidOperationException($"Household data key '{value.KeyId}' is not configured ({HouseholdOptions.Section}:Keys:{value.KeyId}); " +
                                                "keep every key that encrypted data.");
        var plain = new byte[value.Ciphertext.Length];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(value.Nonce, value.Ciphertext, value.Tag, plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>HMAC-SHA256 of a normalised national ID, hex: equal IDs give equal indexes; without the key it tells nothing.</summary>
    public string BlindIndex(string normalizedNationalId) => Mac("national-id\n" + normalizedNationalId);

    /// <summary>
    /// A keyed hash of a request's canonical fields, for its Idempotency-Key record: a plain SHA-256 of fields that hold a
    /// national ID could be reversed by trying every possible ID.
    /// </summary>
    public string Fingerprint(params string[] fields) => Mac("request\n" + JsonSerializer.Serialize(fields));

    private string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_blindIndexKey, Encoding.UTF8.GetBytes(text)));
}
