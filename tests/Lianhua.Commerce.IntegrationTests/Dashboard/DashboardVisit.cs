using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Lianhua.Commerce.IntegrationTests.Dashboard;

/// <summary>
/// One browser tab on the dashboard, watching what a test asserts on: console errors and page errors, requests to anywhere
/// but 127.0.0.1, and the bytes each finished request took on the wire (encoded body and headers, as Chromium counts them).
/// </summary>
public sealed class DashboardVisit
{
    private readonly ConcurrentBag<Task<(string Url, long Bytes)>> _transfers = new();

    public IPage Page { get; }
    public ConcurrentQueue<string> Errors { get; } = new();
    public ConcurrentQueue<string> Outside { get; } = new();

    private DashboardVisit(IPage page)
    {
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") Errors.Enqueue(message.Text); };
        page.PageError += (_, error) => Errors.Enqueue(error);
        page.RequestFailed += (_, request) => Errors.Enqueue($"{request.Url}: {request.Failure}");
        page.Request += (_, request) => { if (!IsLocal(request.Url)) Outside.Enqueue(request.Url); };
        page.RequestFinished += (_, request) => _transfers.Add(Size(request));
    }

    /// <summary>
    /// A tab that also aborts every request to anywhere but 127.0.0.1 (route interception). Routing turns Chromium's HTTP cache
    /// off, so the caching test opens its tabs with <paramref name="intercept"/> false and relies on the Request event alone.
    /// </summary>
    public static async Task<DashboardVisit> Open(IBrowserContext context, bool intercept)
    {
        var page = await context.NewPageAsync();
        var visit = new DashboardVisit(page);
        if (intercept)
            await page.RouteAsync("**/*", route => IsLocal(route.Request.Url) ? route.ContinueAsync() : route.AbortAsync());
        return visit;
    }

    public async Task LogIn(string key)
    {
        await Page.Locator("form#login input[name=apiKey]").FillAsync(key);
        await Page.Locator("form#login input[name=apiKey]").PressAsync("Enter");
    }

    /// <summary>
    /// Waits until all four charts have drawn; the last one's time in ms since navigation, as the page records it (data-drawn).
    /// Locators, not WaitForFunction: the page's CSP forbids the eval that a polled expression needs.
    /// </summary>
    public async Task<double> ChartsDrawn()
    {
        var drawn = new List<double>();
        foreach (var chart in new[] { "daily", "township", "category", "runs" })
        {
            var locator = Page.Locator($"[data-chart={chart}][data-drawn]");
            await locator.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            drawn.Add(double.Parse((await locator.GetAttributeAsync("data-drawn"))!));
        }
        return drawn.Max();
    }

    /// <summary>The transfers so far, and forgets them (so the next visit counts its own).</summary>
    public async Task<List<(string Url, long Bytes)>> TakeTransfers()
    {
        var taken = new List<(string, long)>();
        while (_transfers.TryTake(out var size)) taken.Add(await size);
        return taken;
    }

    public async Task<string?> Attribute(string selector, string name) => await Page.Locator(selector).GetAttributeAsync(name);

    private static async Task<(string, long)> Size(IRequest request)
    {
        var sizes = await request.SizesAsync();
        return (request.Url, sizes.ResponseBodySize + sizes.ResponseHeadersSize);
    }

    private static bool IsLocal(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is "data" or "blob" || uri.Host == "127.0.0.1";
}
