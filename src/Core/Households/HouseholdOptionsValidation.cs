using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// Refuses to start the app without valid household keys (registered with ValidateOnStart): a deployment without them
/// fails at once with this message, rather than answering household requests with errors long after it went live.
/// </summary>
public sealed class HouseholdOptionsValidation : IValidateOptions<HouseholdOptions>
{
    public const int KeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, HouseholdOptions options) =>
        Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(Message(problems)) : ValidateOptionsResult.Success;

    public static string Message(IEnumerable<string> problems) =>
        $"{HouseholdOptions.Section} is not configured (environment Commerce__Households__...; see docs/operations.md): {string.Join(" ", problems)}";

    /// <summary>What is wrong with the settings; never a key's value.</summary>
    public static IReadOnlyList<string> Problems(HouseholdOptions options)
    {
        var problems = new List<string>();
        if (options.Keys.Count == 0) problems.Add("Set at least one AES key, Keys:{id}.");
        foreach (var (id, value) in options.Keys)
        {
            if (!IsKeyId(id)) problems.Add($"Key id '{Shown(id)}' must be 1–32 letters, digits or '-'.");
            if (Bytes(value)?.Length != KeyBytes) problems.Add($"Keys:{Shown(id)} must be base64 of {KeyBytes} bytes{Hint(value)}.");
        }
        if (string.IsNullOrEmpty(options.ActiveKeyId)) problems.Add("Set ActiveKeyId.");
        else if (!options.Keys.ContainsKey(options.ActiveKeyId)) problems.Add($"ActiveKeyId '{Shown(options.ActiveKeyId)}' names no key of Keys.");
        var blind = Bytes(options.BlindIndexKey);
        if (blind is null || blind.Length < KeyBytes) problems.Add($"BlindIndexKey must be base64 of at least {KeyBytes} bytes{Hint(options.BlindIndexKey)}.");
        else if (options.Keys.Values.Any(k => Bytes(k) is { } aes && aes.AsSpan().SequenceEqual(blind)))
            problems.Add("BlindIndexKey must differ from every AES key.");
        return problems;
    }

    public static bool IsKeyId(string? id) =>
        id is { Length: >= 1 and <= 32 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static byte[]? Bytes(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        try { return Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { return null; }
    }

    // A key id is not secret, but a misconfigured one could be a pasted key: show only its start.
    private static string Shown(string id) => id.Length <= 32 ? id : id[..8] + "…";

    private static string Hint(string? value) =>
        value?.StartsWith("@Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase) == true
            ? " (it is an unresolved Key Vault reference: check the secret and the identity's Key Vault Secrets User role)"
            : string.IsNullOrWhiteSpace(value) ? " (it is not set)" : "";
}
