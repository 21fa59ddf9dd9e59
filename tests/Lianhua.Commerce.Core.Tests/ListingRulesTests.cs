using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Listings;

namespace Lianhua.Commerce.Core.Tests;

public sealed class ListingRulesTests
{
    private static NewListing Valid(long? price = 4550, long? stock = 30, IReadOnlyList<ProducerInput?>? producers = null) =>
        new("莲花白莲 500g", "lotus-seed", "bag", 500, price, stock, producers ?? []);

    [Fact]
    public void Create_ValidInput_MakesListingWhoseIdCarriesTheTownship()
    {
        var listing = ListingRules.Create(Valid(producers: [new("h1", 6000), new("h2", 4000)]), "st-1", "360321101");
        Assert.Equal("360321101", Listing.TownshipOf(listing.Id));
        Assert.Equal("st-1", listing.StationId);
        Assert.Equal(2, listing.Producers.Count);
    }

    [Theory]
    [InlineData(0L, 1L, "priceFen")]
    [InlineData(100_000_001L, 1L, "priceFen")]
    [InlineData(1L, -1L, "stock")]
    [InlineData(1L, 1_000_001L, "stock")]
    public void Create_OutOfRange_NamesTheField(long price, long stock, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => ListingRules.Create(Valid(price, stock), "st-1", "360321101"));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Fact]
    public void Create_SharesOver10000_OrDuplicateHousehold_OrTooMany_AreRejected()
    {
        Assert.Contains("producers", Assert.Throws<ValidationFailedException>(() =>
            ListingRules.Create(Valid(producers: [new("h1", 5001), new("h2", 5000)]), "s", "1")).Errors.Keys);
        Assert.Contains("producers", Assert.Throws<ValidationFailedException>(() =>
            ListingRules.Create(Valid(producers: [new("h1", 1), new("h1", 1)]), "s", "1")).Errors.Keys);
        Assert.Contains("producers", Assert.Throws<ValidationFailedException>(() =>
            ListingRules.Create(Valid(producers: Enumerable.Range(0, 11).Select(i => (ProducerInput?)new ProducerInput($"h{i}", 1)).ToList()), "s", "1")).Errors.Keys);
    }

    [Fact]
    public void Create_TitleLength_CountsCharactersNotBytes()
    {
        var ok = ListingRules.Create(Valid() with { Title = new string('莲', 200) }, "s", "1");
        Assert.Equal(200, ok.Title.Length);
        Assert.Throws<ValidationFailedException>(() => ListingRules.Create(Valid() with { Title = new string('莲', 201) }, "s", "1"));
        Assert.Throws<ValidationFailedException>(() => ListingRules.Create(Valid() with { Title = "   " }, "s", "1"));
    }

    [Fact]
    public void Apply_ChangesOnlyGivenFields_AndEmptyPatchIsRejected()
    {
        var listing = ListingRules.Create(Valid(), "s", "1");
        var patched = ListingRules.Apply(listing, new ListingPatch(PriceFen: 100, Stock: null, Title: null));
        Assert.Equal(100, patched.PriceFen);
        Assert.Equal(listing.Stock, patched.Stock);
        Assert.Throws<ValidationFailedException>(() => ListingRules.Apply(listing, new ListingPatch(null, null, null)));
        Assert.Throws<ValidationFailedException>(() => ListingRules.Apply(listing, new ListingPatch(null, -1, null)));
    }

    [Theory]
    [InlineData("360321101-0193a4b2c3d4e5f60718293a4b5c6d7e", "360321101")]
    [InlineData("abc-0193a4b2c3d4e5f60718293a4b5c6d7e", null)]
    [InlineData("360321101-short", null)]
    [InlineData("360321101'-0193a4b2c3d4e5f60718293a4b5c6d7e", null)]
    [InlineData(null, null)]
    public void TownshipOf_ParsesOnlyIdsThisServerMakes(string? id, string? township) => Assert.Equal(township, Listing.TownshipOf(id));
}
