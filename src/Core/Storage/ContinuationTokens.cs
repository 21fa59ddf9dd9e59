using System.Buffers.Text;
using System.Text;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>Wraps the SDK's continuation token so clients see an opaque, URL-safe string.</summary>
public static class ContinuationTokens
{
    public static string? Encode(string? sdkToken) =>
        sdkToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sdkToken));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (raw.Length > 2048 || raw.Any(char.IsControl)) throw new FormatException();
            return raw;
        }
        catch (FormatException)
        {
            throw ValidationFailedException.For("continuationToken", "is not a token this API issued.");
        }
    }
}
