using System.Globalization;

namespace Lianhua.Commerce.Core.Households;

/// <summary>
/// A name as stations and lists show it: the first and last character kept, one <c>*</c> for each character between
/// (<c>张三明</c> → <c>张*明</c>, <c>欧阳小明</c> → <c>欧**明</c>); two characters keep the first (<c>张*</c>), one shows none.
/// Characters are text elements, so a name with a character outside the Basic Multilingual Plane is never cut in half.
/// </summary>
public static class NameMask
{
    public static string Mask(string name)
    {
        var info = new StringInfo(name);
        var count = info.LengthInTextElements;
        return count switch
        {
            0 => "",
            1 => "*",
            2 => info.SubstringByTextElements(0, 1) + "*",
            _ => info.SubstringByTextElements(0, 1) + new string('*', count - 2) + info.SubstringByTextElements(count - 1, 1),
        };
    }
}
