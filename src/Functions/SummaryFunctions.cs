using Lianhua.Commerce.Core.Summaries;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class SummaryFunctions(ApiKeyService keys, SummaryService summaries, SummaryCatchUp catchUp)
{
    /// <summary>02:00 China time: yesterday's snapshot, and any finished day a missed or failed run left without one.</summary>
    [Function("DailySalesSummary")]
    public Task Daily([TimerTrigger("0 0 18 * * *")] TimerInfo timer, CancellationToken ct) => catchUp.RunAsync(ct);

    [Function("GetDailySummary")]
    public async Task<IResult> Day(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "summaries/daily/{date}")] HttpRequest req, string date, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireCounty(); // the contract answers 403 before 400
        var csv = SummaryResults.WantsCsv(req);
        return SummaryResults.Of(csv, await summaries.DailyAsync(caller, date, rebuild: false, ct));
    }

    [Function("RebuildDailySummary")]
    public async Task<IResult> Rebuild(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "summaries/daily/{date}/rebuild")] HttpRequest req, string date, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await summaries.DailyAsync(caller, date, rebuild: true, ct));
    }

    [Function("GetMonthlySummary")]
    public async Task<IResult> Month(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "summaries/monthly/{month}")] HttpRequest req, string month, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireCounty(); // the contract answers 403 before 400
        var csv = SummaryResults.WantsCsv(req);
        return SummaryResults.Of(csv, await summaries.MonthlyAsync(caller, month, ct));
    }

    [Function("GetCumulativeSummary")]
    public async Task<IResult> Cumulative(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "summaries/cumulative")] HttpRequest req, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        caller.RequireCounty(); // the contract answers 403 before 400
        var csv = SummaryResults.WantsCsv(req);
        return SummaryResults.Of(csv, await summaries.CumulativeAsync(caller, ct));
    }
}
