using Lianhua.Commerce.Core.Households;

namespace Lianhua.Commerce.Core.Tests.Households;

public sealed class NationalIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Theory]
    [InlineData("11010519491231002X")] // the example of GB 11643-1999, check character X
    [InlineData("440524188001010014")] // born 1880: refused below for its date, but its check digit is right
    [InlineData("360321198503150016")]
    public void CheckCharacter_OfPublishedAndKnownNumbers_IsTheirLast(string id) => Assert.Equal(id[17], NationalId.CheckCharacter(id));

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("11010519491231002x")] // lower-case x is the same number
    [InlineData(" 360321198503150016 ")]
    [InlineData("360321200002290010")] // 29 February of a leap year
    public void Problem_OfAValidNumber_IsNone(string raw) => Assert.Null(NationalId.Problem(NationalId.Normalize(raw), Today));

    [Theory]
    [InlineData("110105194912310021", "check")]  // the X example with a wrong last digit
    [InlineData("360321198503150018", "check")]
    [InlineData("36032119850315001X", "check")]
    [InlineData("36032119850315001", "18 characters")]
    [InlineData("3603211985031500160", "18 characters")]
    [InlineData("36032119850315001Y", "18 characters")]
    [InlineData("3603211985031500X7", "18 characters")]
    [InlineData("３６０３２１１９８５０３１５００１７", "18 characters")] // full-width digits
    [InlineData("360321199002300015", "birth date")] // 30 February
    [InlineData("360321190002290011", "birth date")] // 1900 was no leap year
    [InlineData("360321203001010011", "birth date")] // born in the future
    public void Problem_OfAnInvalidNumber_SaysWhy_WithoutRepeatingIt(string raw, string expected)
    {
        var normalized = NationalId.Normalize(raw);
        var problem = NationalId.Problem(normalized, Today);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain(normalized[..6], problem);
    }

    [Fact]
    public void Normalize_TrimsAndUpperCasesTheX_AndLast4IsAllThatIsShown()
    {
        Assert.Equal("11010519491231002X", NationalId.Normalize(" 11010519491231002x"));
        Assert.Equal("002X", NationalId.Last4("11010519491231002X"));
    }
}
