using System.Security.Cryptography;

namespace Lianhua.Commerce.LocalHost;

/// <summary>
/// Development secrets LocalHost makes when none are configured, kept across restarts in a git-ignored folder
/// (.local/secrets at the repository root, or LocalHost:SecretsPath).
/// </summary>
public static class DevSecrets
{
    public static string Folder(IConfiguration configuration)
    {
        if (configuration["LocalHost:SecretsPath"] is { Length: > 0 } configured) return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Lianhua.Commerce.sln")))
                    return Path.Combine(dir.FullName, ".local", "secrets");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".lianhua-commerce", "secrets");
    }

    /// <summary>Returns the stored secret, creating it with <paramref name="make"/> the first time.</summary>
    public static (string Value, bool Created) GetOrCreate(string folder, string name, Func<string> make)
    {
        var path = Path.Combine(folder, name);
        if (File.Exists(path)) return (File.ReadAllText(path).Trim(), false);
        Directory.CreateDirectory(folder);
        var value = make();
        File.WriteAllText(path, value);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (value, true);
    }

    public static string NewCountyKey() => "lh-county-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>The id of the development AES key for household data.</summary>
    public const string HouseholdKeyId = "dev";

    /// <summary>
    /// When nothing of <c>Commerce:Households</c> is configured, fills it with development keys kept in <paramref name="folder"/>
    /// (an AES key with id <see cref="HouseholdKeyId"/> and a blind-index key), made the first time. A partial configuration is
    /// left alone: the app then refuses to start and says what is missing. Null when configured; else whether the keys were made now.
    /// </summary>
    public static bool? UseDevelopmentHouseholdKeys(IConfiguration configuration, string folder)
    {
        if (configuration.GetSection("Commerce:Households").GetChildren().Any()) return null;
        var (aes, aesCreated) = GetOrCreate(folder, "households-key-" + HouseholdKeyId, NewDataKey);
        var (blind, blindCreated) = GetOrCreate(folder, "households-blind-index-key", NewDataKey);
        configuration["Commerce:Households:ActiveKeyId"] = HouseholdKeyId;
        configuration[$"Commerce:Households:Keys:{HouseholdKeyId}"] = aes;
        configuration["Commerce:Households:BlindIndexKey"] = blind;
        return aesCreated || blindCreated;
    }

    /// <summary>Base64 of 32 random bytes: an AES-256 or HMAC key.</summary>
    public static string NewDataKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
