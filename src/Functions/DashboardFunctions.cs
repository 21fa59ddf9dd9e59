using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

/// <summary>
/// The county dashboard: a page and its assets, loaded without a key (the page asks for the county key and sends it only with
/// its calls to the JSON API). The page is revalidated by ETag; assets have the content hash in their URL and are cached for good.
/// </summary>
public sealed class DashboardFunctions
{
    // The page loads only what this app serves; the key it keeps in sessionStorage is worth keeping away from other scripts.
    private static readonly Dictionary<string, string> PageHeaders = new()
    {
        ["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                      "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ["Referrer-Policy"] = "no-referrer",
    };

    [Function("Dashboard")]
    public IResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest req)
    {
        // The compressed assets are made once per instance; start on them while the browser parses the page.
        _ = Task.Run(() => { foreach (var asset in DashboardAssets.Assets) asset.Warm(); });
        return new StaticFileResult(DashboardAssets.Page, StaticFileResult.Revalidate, PageHeaders);
    }

    [Function("DashboardAsset")]
    public IResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/assets/{file}")] HttpRequest req, string file) =>
        DashboardAssets.Find(file) is { } asset
            ? new StaticFileResult(asset, StaticFileResult.Immutable)
            : TypedResults.Problem("No such dashboard asset (an old version is not kept: reload the page).", statusCode: 404, title: "Not found");
}
