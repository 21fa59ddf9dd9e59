using Lianhua.Commerce.Core.Listings;

namespace Lianhua.Commerce.Core.Attribution;

/// <summary>
/// Splits an amount among a listing's producers by their shares (basis points) with the largest-remainder method: each
/// household gets the floor of its exact share, the non-household rest (10000 minus the shares) takes part like a
/// household, and the fen left over go one each to the largest fractional remainders (ties: households in the
/// listing's order, then the rest). So household amounts plus the rest equal the amount exactly, and each is within
/// 1 fen of its exact share.
/// </summary>
public static class ShareSplit
{
    public const int WholeBp = 10_000;

    public static SplitResult Of(long amountFen, IReadOnlyList<Producer> producers)
    {
        if (amountFen < 0) throw new ArgumentOutOfRangeException(nameof(amountFen), "An amount to split is not negative.");
        var shares = producers.Select(p => (long)p.ShareBp).Prepend(WholeBp - producers.Sum(p => (long)p.ShareBp)).ToArray();
        if (shares.Any(s => s < 0)) throw new ArgumentException("Shares add up to at most 10000 basis points.", nameof(producers));
        // amount × share fits a long: amounts are at most 10^8 fen × 10^4 units, shares at most 10^4.
        var floors = shares.Select(s => Math.DivRem(checked(amountFen * s), WholeBp)).ToArray();
        var amounts = floors.Select(f => f.Quotient).ToArray();
        var left = amountFen - amounts.Sum();
        foreach (var i in Enumerable.Range(0, shares.Length).OrderByDescending(i => floors[i].Remainder).ThenBy(i => i == 0 ? 1 : 0).ThenBy(i => i).Take((int)left))
            amounts[i]++;
        return new SplitResult(producers.Select((p, i) => new HouseholdAmount(p.HouseholdId, amounts[i + 1])).ToList(), amounts[0]);
    }
}
