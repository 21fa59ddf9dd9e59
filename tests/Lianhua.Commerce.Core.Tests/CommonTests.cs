using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Tests;

public sealed class CommonTests
{
    [Theory]
    [InlineData(200, "莲", true)]            // CJK, one unit each
    [InlineData(200, "\U00020000", true)]   // outside the BMP, two units each
    [InlineData(200, "👨‍👩‍👧", true)]         // an emoji sequence, eight units each
    [InlineData(201, "莲", false)]
    [InlineData(100, "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301", false)] // 100 characters, 17 units each
    [InlineData(3, "莲\n", true)]             // line breaks and tabs are text
    [InlineData(3, "莲\t", true)]
    [InlineData(3, "莲\u0000", false)]        // other control characters are not (a receipt printer, an SMS, a CSV export)
    [InlineData(3, "莲\u001b", false)]
    [InlineData(3, "莲\u0085", false)]
    public void Text_CountsCharactersAsReadersDo_AndRefusesStackedMarksAndControlCharacters(int count, string character, bool valid)
    {
        var v = new Validator();
        v.Text("title", string.Concat(Enumerable.Repeat(character, count)), 1, 200);
        Assert.Equal(valid, v.IsValid);
    }

    [Theory]
    [InlineData(null, 50)]
    [InlineData("", 50)]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("101", 100)]
    [InlineData("99999", 100)]
    [InlineData("99999999999", 100)]
    [InlineData("000000000000000000007", 7)]
    public void PageSize_DefaultsAndClamps(string? raw, int expected) => Assert.Equal(expected, Paging.Size(raw));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("000000000000")]
    [InlineData("-99999999999")]
    [InlineData("1.5")]
    public void PageSize_BelowOneOrNotANumber_IsRejected(string raw) => Assert.Throws<ValidationFailedException>(() => Paging.Size(raw));

    [Fact]
    public void ContinuationToken_RoundTrips_AndForgedTokensAreRejected()
    {
        const string sdk = "360321101 360321101-0193";
        Assert.Equal(sdk, ContinuationTokens.Decode(ContinuationTokens.Encode(sdk)));
        Assert.Null(ContinuationTokens.Decode(null));
        Assert.Throws<ValidationFailedException>(() => ContinuationTokens.Decode("!!!"));
    }

    [Fact]
    public void Ids_AreUrlSafeAndUnique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.NewTimeOrdered()).ToList();
        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Ids.IsSafe(id)));
        Assert.False(Ids.IsSafe("a/b"));
        Assert.False(Ids.IsSafe(new string('a', 65)));
    }
}
