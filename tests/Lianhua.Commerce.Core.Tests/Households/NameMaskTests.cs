using Lianhua.Commerce.Core.Households;

namespace Lianhua.Commerce.Core.Tests.Households;

public sealed class NameMaskTests
{
    [Theory]
    [InlineData("张三明", "张*明")]
    [InlineData("欧阳小明", "欧**明")]
    [InlineData("张三", "张*")]
    [InlineData("张", "*")]
    [InlineData("买买提·艾力", "买****力")]
    [InlineData("\U00020000\U00020001\U00020002", "\U00020000*\U00020002")] // outside the BMP: two UTF-16 units each, one character
    [InlineData("\U00020000\U00020001", "\U00020000*")]
    [InlineData("\U00020000", "*")]
    [InlineData("Zoe\u0301", "Z*e\u0301")] // a combining mark stays with its letter
    public void Mask_KeepsFirstAndLastCharacter_OneStarPerCharacterBetween(string name, string masked) =>
        Assert.Equal(masked, NameMask.Mask(name));
}
