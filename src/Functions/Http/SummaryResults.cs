using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Summaries;
using Microsoft.AspNetCore.Http;

namespace Lianhua.Commerce.Functions.Http;

public static class SummaryResults
{
    /// <summary>Whether <c>?format=csv</c> was asked for; any format but json and csv is a 400, before anything is read or built.</summary>
    public static bool WantsCsv(HttpRequest req) => req.Query("format") switch
    {
        null or "json" => false,
        "csv" => true,
        _ => throw ValidationFailedException.For("format", "must be json or csv."),
    };

    /// <summary>JSON, or the spreadsheet as a download named after the period.</summary>
    public static IResult Of(bool csv, SalesSummary summary) => !csv
        ? TypedResults.Ok(summary)
        : new WithHeaders(TypedResults.Bytes(SummaryCsv.Write(summary), "text/csv; charset=utf-8"),
            new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"{SummaryCsv.FileName(summary.Period)}\"" });
}
