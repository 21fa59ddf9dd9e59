using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Dashboard;

/// <summary>The page and its assets over plain HTTP: no key, compression, ETag revalidation, assets cached for good.</summary>
public sealed class DashboardServingTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    // No automatic decompression: the test reads what went over the wire.
    private static readonly HttpClient Http = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });

    [Fact]
    public async Task Page_NeedsNoKey_IsCompressed_AndRevalidatesWithItsETag()
    {
        var plain = await Get("dashboard", "identity");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("text/html", plain.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", plain.Headers.CacheControl!.ToString());
        var html = await plain.Content.ReadAsStringAsync();
        Assert.Contains("form id=\"login\"", html);
        Assert.DoesNotContain("{{", html);

        var br = await Get("dashboard", "gzip, deflate, br");
        Assert.Equal("br", Assert.Single(br.Content.Headers.ContentEncoding));
        Assert.True(br.Content.Headers.ContentLength < plain.Content.Headers.ContentLength / 2);
        Assert.Equal("gzip", Assert.Single((await Get("dashboard", "gzip")).Content.Headers.ContentEncoding));

        var revalidated = await Get("dashboard", "br", br.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await Get("dashboard", "br", "\"other\"")).StatusCode);
    }

    [Fact]
    public async Task EveryAssetThePageLinks_HasAVersionedUrl_AndIsCachedForGood()
    {
        var html = await (await Get("dashboard", "identity")).Content.ReadAsStringAsync();
        var assets = Regex.Matches(html, "(?:src|href)=\"/api/(dashboard/assets/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(8, assets.Count); // ECharts, five scripts of the page, the style sheet, the icon
        Assert.Contains(assets, a => Regex.IsMatch(a, @"^dashboard/assets/echarts\.min\.[0-9a-f]{12}\.js$"));
        foreach (var asset in assets)
        {
            var response = await Get(asset, "gzip, br");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        }
        var echarts = await Get(assets.Single(a => a.Contains("echarts")), "br");
        Assert.InRange(echarts.Content.Headers.ContentLength!.Value, 100_000, 260_000);
    }

    [Fact]
    public async Task UnknownOrOldAsset_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Get("dashboard/assets/app.000000000000.js", "br")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("dashboard/assets/app.js", "br")).StatusCode);
    }

    private Task<HttpResponseMessage> Get(string path, string acceptEncoding, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, path));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        return Http.SendAsync(request);
    }
}
