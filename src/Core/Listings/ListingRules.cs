using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Listings;

public static class ListingRules
{
    public static string Title(Validator v, string? title) => v.Text("title", title, 1, 200).Trim();
    public static long Price(Validator v, long? priceFen) => v.Range("priceFen", priceFen, 1, 100_000_000);
    public static long Stock(Validator v, long? stock) => v.Range("stock", stock, 0, Listing.MaxStock);

    public static IReadOnlyList<Producer> Producers(Validator v, IReadOnlyList<ProducerInput?>? producers)
    {
        var list = producers ?? [];
        if (list.Count > Listing.MaxProducers) { v.Add("producers", $"at most {Listing.MaxProducers} producers."); return []; }
        var result = new List<Producer>();
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            if (p is null) { v.Add($"producers[{i}]", "is required."); continue; }
            if (!Ids.IsSafe(p.HouseholdId)) v.Add($"producers[{i}].householdId", "must be a household id.");
            var share = v.Range($"producers[{i}].shareBp", p.ShareBp, 1, 10_000);
            result.Add(new Producer(p.HouseholdId ?? "", (int)share));
        }
        if (result.Sum(p => (long)p.ShareBp) > 10_000) v.Add("producers", "shares must add up to at most 10000 basis points.");
        if (result.Select(p => p.HouseholdId).Distinct().Count() != result.Count) v.Add("producers", "a household may appear once.");
        return result;
    }

    public static Listing Create(NewListing? input, string stationId, string townshipCode)
    {
        var v = new Validator();
        if (input is null) { v.Add("body", "is required."); v.ThrowIfInvalid(); }
        var title = Title(v, input!.Title);
        var category = v.Text("category", input.Category, 1, 40);
        if (input.Category is not null && Listing.Slug(input.Category) is null)
            v.Add("category", "must be a slug of a–z, 0–9 and -, such as camellia-oil.");
        var unit = v.Text("unit", input.Unit, 1, 16).Trim();
        var weight = v.Range("unitWeightGrams", input.UnitWeightGrams, 1, 1_000_000);
        var price = Price(v, input.PriceFen);
        var stock = Stock(v, input.Stock);
        var producers = Producers(v, input.Producers);
        v.ThrowIfInvalid();
        return new Listing(Listing.NewId(townshipCode), stationId, townshipCode, title, category, unit, weight, price, stock, producers);
    }

    public static Listing Apply(Listing listing, ListingPatch? patch)
    {
        var v = new Validator();
        if (patch is null || (patch.PriceFen is null && patch.Stock is null && patch.Title is null))
            v.Add("body", "send at least one of priceFen, stock, title.");
        v.ThrowIfInvalid();
        var updated = listing with
        {
            Title = patch!.Title is null ? listing.Title : Title(v, patch.Title),
            PriceFen = patch.PriceFen is null ? listing.PriceFen : Price(v, patch.PriceFen),
            Stock = patch.Stock is null ? listing.Stock : Stock(v, patch.Stock),
        };
        v.ThrowIfInvalid();
        return updated;
    }
}
