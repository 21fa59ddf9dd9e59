using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>The continuation token of GET /api/runs: the last run's from and to (runs are listed in that order), opaque to clients.</summary>
public static class RunPageToken
{
    public static string Encode(RunView last) => ContinuationTokens.Encode($"{last.From}|{last.To}")!;

    /// <summary>The (from, to) to continue after; null for the first page; a token this API did not issue → 400.</summary>
    public static (string From, string To)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var parts = (ContinuationTokens.Decode(token) ?? "").Split('|');
        if (parts.Length != 2 || !Ids.IsSafe(parts[0]) || !Ids.IsSafe(parts[1]))
            throw ValidationFailedException.For("continuationToken", "is not a token this API issued.");
        return (parts[0], parts[1]);
    }

    public static bool IsAfter(RunView run, (string From, string To) last)
    {
        var byFrom = string.CompareOrdinal(run.From, last.From);
        return byFrom > 0 || (byFrom == 0 && string.CompareOrdinal(run.To, last.To) > 0);
    }
}
