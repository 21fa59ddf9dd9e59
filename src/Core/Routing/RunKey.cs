using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>One vehicle trip: a direction of a link on a China business day.</summary>
public sealed record RunKey
{
    public string From { get; }
    public string To { get; }
    public DateOnly Date { get; }

    /// <summary>
    /// <c>{from}_{to}_{yyyyMMdd}</c>, readable in logs and URLs. Node ids may themselves contain '_'
    /// (Ids.IsSafe allows it) or be long, so such keys fall back to <c>r_{40 hex}</c> (one '_', never
    /// two) to stay unique and within 64 characters.
    /// </summary>
    public string Id { get; }

    public RunKey(string from, string to, DateOnly date)
    {
        if (!Ids.IsSafe(from)) throw new ArgumentException("Not a node id.", nameof(from));
        if (!Ids.IsSafe(to)) throw new ArgumentException("Not a node id.", nameof(to));
        if (from == to) throw new ArgumentException("A run joins two different nodes.", nameof(to));
        (From, To, Date) = (from, to, date);
        Id = MakeId(from, to, date);
    }

    public static RunKey For(Leg leg, DateOnly date) => new(leg.From, leg.To, date);

    public RunKey NextDay() => new(From, To, Date.AddDays(1));

    private static string MakeId(string from, string to, DateOnly date)
    {
        var day = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var readable = $"{from}_{to}_{day}";
        if (!from.Contains('_') && !to.Contains('_') && readable.Length <= 64) return readable;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{from}\n{to}\n{day}"));
        return "r_" + Convert.ToHexStringLower(hash)[..40];
    }
}
