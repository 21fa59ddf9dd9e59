using System.Net;
using System.Text;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Reports as files (CSV for Excel), who may read them, and bad periods: problems that build nothing.</summary>
public sealed class SummaryReportTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly HttpClient Http = new();
    private readonly LedgerFlow _flow = new(host);

    [Fact]
    public async Task Csv_HasBom_Header_ATownshipRowEach_AndATotal_InYuan_AsADownloadNamedAfterThePeriod()
    {
        var (_, listingId) = await _flow.ListingOfThree([5000, 3000, 1500]);
        await _flow.DeliverOrder(listingId, 3); // 13650 fen, of 路口镇
        await Eventually.True(async () => (await _flow.Owed()).Count == 0, 30, "not attributed");
        var today = BusinessDay.Format(BusinessDay.Of(DateTimeOffset.UtcNow));
        foreach (var (path, period) in new[] { ($"summaries/daily/{today}", today), ($"summaries/monthly/{today[..7]}", today[..7]), ("summaries/cumulative", "cumulative") })
        {
            Assert.Equal(HttpStatusCode.OK, (await host.County().Get(path + "?format=csv")).Status); // as documented
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, path + "?format=csv"));
            request.Headers.Add("X-Api-Key", host.CountyKey);
            using var response = await Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"attachment; filename=\"lianhua-{period}.csv\"", string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("乡镇代码,乡镇,送达订单数,销售额（元）,脱贫户收入（元）", rows[0]);
            Assert.Equal(1 + 14 + 1, rows.Length);
            Assert.Contains("360321101,路口镇,1,136.50,129.68", rows); // 6825 + 4095 + 2048 fen to households
            Assert.Contains("360321102,良坊镇,0,0.00,0.00", rows);
            Assert.Equal(",合计,1,136.50,129.68", rows[^1]);
        }
    }

    [Fact]
    public async Task Summaries_AreTheCountys_AndBadPeriodsAre400s_ThatBuildNothing()
    {
        var before = await SummaryRows();
        var station = await _flow.Nodes.KeyOf(LedgerFlow.Seller);
        foreach (var path in new[] { "summaries/daily/2026-01-01", "summaries/monthly/2026-01", "summaries/cumulative", "summaries/daily/2026-01-01?format=xml" })
            Assert.Equal(HttpStatusCode.Forbidden, (await station.Get(path)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.Post("summaries/daily/2026-01-01/rebuild", null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().Get("summaries/cumulative")).Status);
        var tomorrow = BusinessDay.Format(BusinessDay.Of(DateTimeOffset.UtcNow).AddDays(1));
        var nextMonth = BusinessDay.Format(BusinessDay.Of(DateTimeOffset.UtcNow).AddMonths(1))[..7];
        foreach (var path in new[] { "summaries/daily/2026-13-01", "summaries/daily/yesterday", "summaries/daily/1999-12-31", $"summaries/daily/{tomorrow}",
                     "summaries/monthly/2026-13", "summaries/monthly/2026-1", $"summaries/monthly/{nextMonth}", "summaries/cumulative?format=xlsx",
                     "summaries/daily/2026-01-01?format=pdf" })
            Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Get(path)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Post($"summaries/daily/{tomorrow}/rebuild", null)).Status);
        Assert.Equal(before, await SummaryRows());
    }

    private async Task<int> SummaryRows()
    {
        var rows = 0;
        await foreach (var _ in host.Storage.Table("SalesSummaries").QueryAsync<Azure.Data.Tables.TableEntity>()) rows++;
        return rows;
    }

    [Fact]
    public async Task ADayWithNoDeliveries_Answers200WithZeros_AndEveryTownship()
    {
        var day = await host.County().Get("summaries/daily/2025-03-01");
        Assert.Equal(HttpStatusCode.OK, day.Status);
        Assert.Equal((0L, 0L, 0L, false), (day.Json["gmvFen"]!.GetValue<long>(), day.Json["householdIncomeFen"]!.GetValue<long>(),
            day.Json["householdsReached"]!.GetValue<long>(), day.Json["stale"]!.GetValue<bool>()));
        Assert.Equal(14, day.Json["byTownship"]!.AsArray().Count);
        Assert.Empty(day.Json["byCategory"]!.AsArray());
    }
}
