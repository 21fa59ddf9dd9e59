using System.IO.Compression;
using System.Text.Json;

namespace Lianhua.Commerce.Core.Common;

/// <summary>Documents kept in one binary property (64 KiB limit): JSON, gzip-compressed.</summary>
public static class GzipJson
{
    public static byte[] Serialize<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
            JsonSerializer.Serialize(gzip, value, Json.Options);
        return buffer.ToArray();
    }

    public static T Deserialize<T>(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, Json.Options)!;
    }
}
