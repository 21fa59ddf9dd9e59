using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Lianhua.Commerce.IntegrationTests.Dashboard;

/// <summary>The county dashboard in a real Chromium against LocalHost and Azurite with seeded deliveries.</summary>
public sealed class DashboardBrowserTests(DashboardHost dashboard, ITestOutputHelper output) : IClassFixture<DashboardHost>
{
    private const string Warehouse = "wh-360321";

    [Fact]
    public async Task Dashboard_ShowsWhatTheJsonApiAnswers_AtPhoneAndDesktopWidths()
    {
        foreach (var width in new[] { 360, 1280 })
        {
            await using var context = await dashboard.NewContext(width);
            var visit = await DashboardVisit.Open(context, intercept: true);
            await visit.Page.GotoAsync(dashboard.PageUrl.ToString());
            await visit.LogIn(dashboard.Host.CountyKey);
            await visit.ChartsDrawn();

            var expected = await DashboardExpectations.From(dashboard.Host.County(), Warehouse);
            foreach (var (metric, value) in expected.Metrics)
                Assert.Equal(value, await visit.Attribute($"[data-metric={metric}]", "data-value"));
            Assert.StartsWith("¥", await visit.Page.Locator("[data-metric=gmvFen]").InnerTextAsync());
            foreach (var (chart, series) in expected.Charts)
            {
                var shown = JsonNode.Parse((await visit.Attribute($"[data-chart={chart}]", "data-series"))!);
                Assert.True(JsonNode.DeepEquals(series, shown), $"chart {chart}: page {shown!.ToJsonString()}\napi {series.ToJsonString()}");
            }
            Assert.Equal(expected.LockedShipments.Count.ToString(), await visit.Page.Locator("[data-count=lockedShipments]").InnerTextAsync());
            // The shipment the fixture locked with five wrong codes is in GET /attention, and so on the page.
            Assert.Contains(dashboard.Seeded.LockedShipmentId, expected.LockedShipments);
            var lockedList = await visit.Page.Locator("[data-list=lockedShipments]").InnerTextAsync();
            Assert.All(expected.LockedShipments, id => Assert.Contains(id, lockedList));
            Assert.Equal(expected.UnroutedOrders.ToString(), await visit.Page.Locator("[data-count=unroutedOrders]").InnerTextAsync());

            if (width == 1280) await DownloadsTheCumulativeCsv(visit);
            var path = Path.Combine(DashboardHost.ScreenshotFolder, $"dashboard-{width}.png");
            await visit.Page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"screenshot at {width} px: {path}");
            Assert.Empty(visit.Outside);
            Assert.True(visit.Errors.IsEmpty, "console errors: " + string.Join("\n", visit.Errors));

            await visit.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "退出" }).ClickAsync();
            Assert.Null(await visit.Page.EvaluateAsync<string?>("sessionStorage.getItem('lianhua.countyKey')"));
            Assert.True(await visit.Page.Locator("form#login").IsVisibleAsync());
        }
    }

    /// <summary>The report link fetches with the key (a plain link could not send it) and saves the answer under its file name.</summary>
    private static async Task DownloadsTheCumulativeCsv(DashboardVisit visit)
    {
        var download = await visit.Page.RunAndWaitForDownloadAsync(() =>
            visit.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "下载累计报表" }).ClickAsync());
        Assert.Equal("lianhua-cumulative.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // UTF-8 with BOM, as the API answers it: opens in Excel
    }

    [Fact]
    public async Task WrongKey_ShowsAnAlert_AndKeepsNothing()
    {
        await using var context = await dashboard.NewContext(360);
        var visit = await DashboardVisit.Open(context, intercept: true);
        await visit.Page.GotoAsync(dashboard.PageUrl.ToString());
        await visit.LogIn("not-a-county-key");
        var alert = visit.Page.Locator("[role=alert]");
        await alert.WaitForAsync();
        Assert.Contains("密钥无效", await alert.InnerTextAsync());
        Assert.True(await visit.Page.Locator("form#login").IsVisibleAsync());
        Assert.Null(await visit.Page.EvaluateAsync<string?>("sessionStorage.getItem('lianhua.countyKey')"));
        Assert.Empty(await context.CookiesAsync());
        Assert.DoesNotContain("not-a-county-key", visit.Page.Url);
        Assert.Empty(visit.Outside);
        // The browser itself logs the refused calls' 401s; nothing else may fail.
        Assert.All(visit.Errors, e => Assert.Contains("401", e));
    }

    [Fact]
    public async Task FirstVisit_TakesAtMost600KB_SecondVisitsPageAndAssets_Under20KB()
    {
        await using var context = await dashboard.NewContext(1280);
        var visit = await DashboardVisit.Open(context, intercept: false);
        await visit.Page.GotoAsync(dashboard.PageUrl.ToString());
        await visit.LogIn(dashboard.Host.CountyKey);
        var firstDrawn = await visit.ChartsDrawn();
        var first = await visit.TakeTransfers();

        await visit.Page.GotoAsync(dashboard.PageUrl.ToString()); // the key is still in this tab's sessionStorage
        var secondDrawn = await visit.ChartsDrawn();
        var second = await visit.TakeTransfers();

        var firstTotal = first.Sum(t => t.Bytes);
        var shell = second.Where(t => t.Url.Contains("/api/dashboard", StringComparison.Ordinal)).ToList();
        output.WriteLine($"first visit: {first.Count} requests, {firstTotal:N0} bytes " +
                         $"(page and assets {first.Where(t => t.Url.Contains("/api/dashboard")).Sum(t => t.Bytes):N0}); " +
                         $"charts drawn {firstDrawn:N0} ms after navigation (typing the key included)");
        output.WriteLine($"second visit: page and assets {shell.Count} requests, {shell.Sum(t => t.Bytes):N0} bytes; " +
                         $"data calls {second.Sum(t => t.Bytes) - shell.Sum(t => t.Bytes):N0} bytes; charts drawn {secondDrawn:N0} ms after navigation");
        foreach (var (url, bytes) in first.OrderByDescending(t => t.Bytes).Take(5)) output.WriteLine($"  {bytes,9:N0}  {url}");
        Assert.InRange(firstTotal, 1, 600 * 1024);
        Assert.InRange(shell.Sum(t => t.Bytes), 0, 20 * 1024);
        Assert.Empty(visit.Outside);
        Assert.True(visit.Errors.IsEmpty, "console errors: " + string.Join("\n", visit.Errors));
    }
}
