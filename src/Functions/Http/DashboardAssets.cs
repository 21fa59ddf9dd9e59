using System.Text;
using System.Text.RegularExpressions;

namespace Lianhua.Commerce.Functions.Http;

/// <summary>
/// The county dashboard's files, embedded in the Functions assembly at build time (src/Functions/Dashboard, and ECharts copied
/// from the pinned npm package), so the page works wherever the app runs and needs no CDN. The page is a template: each
/// <c>{{name}}</c> becomes the asset's versioned URL, so a changed asset changes the page, and with it the page's ETag.
/// </summary>
public static partial class DashboardAssets
{
    public const string ResourcePrefix = "dashboard/";
    public const string PageName = "index.html";
    public const string AssetPath = "/api/dashboard/assets/";

    private static readonly Lazy<Catalog> Files = new(Load);

    public static StaticFile Page => Files.Value.Page;

    /// <summary>An asset by its versioned name, or null (an unknown name, or a version this instance does not have).</summary>
    public static StaticFile? Find(string versionedName) => Files.Value.Assets.GetValueOrDefault(versionedName);

    public static IEnumerable<StaticFile> Assets => Files.Value.Assets.Values;

    private static Catalog Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n));
        if (!files.TryGetValue(PageName, out var template)) throw new InvalidOperationException("The dashboard page resource is missing.");
        var assets = files.Where(f => f.Key != PageName).Select(f => new StaticFile(f.Key, f.Value)).ToDictionary(a => a.VersionedName);
        var urls = assets.Values.ToDictionary(a => a.Name, a => AssetPath + a.VersionedName);
        var page = Placeholder().Replace(Encoding.UTF8.GetString(template), m => urls.TryGetValue(m.Groups[1].Value, out var url)
            ? url
            : throw new InvalidOperationException($"The dashboard page names an asset that is not embedded: {m.Groups[1].Value}"));
        return new Catalog(new StaticFile(PageName, Encoding.UTF8.GetBytes(page)), assets);
    }

    private static byte[] Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [GeneratedRegex(@"\{\{([\w.-]+)\}\}")]
    private static partial Regex Placeholder();

    private sealed record Catalog(StaticFile Page, Dictionary<string, StaticFile> Assets);
}
