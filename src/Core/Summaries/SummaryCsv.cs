using System.Globalization;
using System.Text;

namespace Lianhua.Commerce.Core.Summaries;

/// <summary>
/// A summary as a spreadsheet opens it (Excel on a county office PC): UTF-8 with a BOM, so the Chinese names show; a header
/// row, one row per township, a total row. Amounts in yuan with two decimals here only (JSON stays in fen).
/// </summary>
public static class SummaryCsv
{
    public const string Header = "乡镇代码,乡镇,送达订单数,销售额（元）,脱贫户收入（元）";
    public const string TotalLabel = "合计";

    public static string FileName(string period) => $"lianhua-{period}.csv";

    public static byte[] Write(SalesSummary s)
    {
        var text = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var t in s.ByTownship)
            Row(text, t.TownshipCode, t.Name, t.OrdersDelivered, t.GmvFen, t.HouseholdIncomeFen);
        Row(text, "", TotalLabel, s.OrdersDelivered, s.GmvFen, s.HouseholdIncomeFen);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Fen as yuan, exactly: 123456 → "1234.56", 5 → "0.05".</summary>
    public static string Yuan(long fen) =>
        (fen < 0 ? "-" : "") + (Math.Abs(fen) / 100).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(fen) % 100).ToString("D2", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string code, string name, long orders, long gmv, long income) =>
        text.Append(Field(code)).Append(',').Append(Field(name)).Append(',').Append(orders.ToString(CultureInfo.InvariantCulture))
            .Append(',').Append(Yuan(gmv)).Append(',').Append(Yuan(income)).Append("\r\n");

    /// <summary>RFC 4180 quoting; a text a spreadsheet would take for a formula is prefixed with an apostrophe.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
