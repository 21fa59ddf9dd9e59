using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Lianhua.Commerce.IntegrationTests.Dashboard;

/// <summary>
/// A LocalHost with seeded deliveries and one headless Chromium for the class's tests. The browser is Debian's
/// <c>chromium</c> (scripts/test.sh installs it when missing; LIANHUA_CHROMIUM names another): Playwright's own browser
/// download cannot reach the internet here.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public LocalHostFixture Host { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public SeededSales Seeded { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public Uri PageUrl => new(Host.BaseAddress, "dashboard");

    /// <summary>Where the screenshots go: kept beside the test assembly, so a run leaves them to look at.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("LIANHUA_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: apt-get install chromium fonts-noto-cjk (scripts/test.sh does).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
        Seeded = await SeededSales.Deliver(Host);
    }

    /// <summary>A fresh browser profile (no cache, no sessionStorage) of this size, outside China's time zone on purpose.</summary>
    public Task<IBrowserContext> NewContext(int width, int height = 900) => Browser.NewContextAsync(new()
    {
        ViewportSize = new() { Width = width, Height = height },
        Locale = "zh-CN",
        TimezoneId = "America/Los_Angeles", // the page must show China's dates whatever the PC's clock zone
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
