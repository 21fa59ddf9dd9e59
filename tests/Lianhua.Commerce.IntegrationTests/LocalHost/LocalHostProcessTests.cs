using System.Diagnostics;
using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.LocalHost;

/// <summary>The real LocalHost executable with nothing but the contract's settings.</summary>
public sealed class LocalHostProcessTests
{
    [Fact]
    public async Task LocalHost_WithOnlyStorageAndUrls_MakesAndKeepsACountyKey_AndServesTheNetworkFromTheFirstHealthyAnswer()
    {
        var first = await StartAsync();
        string key;
        try
        {
            key = first.CountyKey;
            var network = await new Api(first.Base, key).Get("network");
            Assert.Equal(HttpStatusCode.OK, network.Status);
            Assert.Equal(167, network.Json["stations"]!.AsArray().Count);
        }
        finally { first.Stop(); }

        var second = await StartAsync();
        try
        {
            Assert.Equal(key, second.CountyKey);
            Assert.Equal(HttpStatusCode.OK, (await new Api(second.Base, key).Get("network")).Status);
        }
        finally { second.Stop(); }
    }

    /// <summary>Starts the LocalHost executable; <paramref name="environment"/> adds settings (a storage prefix, a county key).</summary>
    internal static async Task<Running> StartAsync(IDictionary<string, string>? environment = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(TestStorage.RepoRoot, "src", "LocalHost", "bin", configuration, "net10.0", "Lianhua.Commerce.LocalHost.dll");
        var port = TestStorage.FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestStorage.RepoRoot,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "Commerce__CountyApiKey", "Commerce__StoragePrefix", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            start.Environment.Remove(name);
        start.Environment["AzureWebJobsStorage"] = TestStorage.ConnectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var key = new TaskCompletionSource<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("County API key: ") == true) key.TrySetResult(e.Data["County API key: ".Length..].Trim());
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var running = new Running(process, new Uri($"http://127.0.0.1:{port}/api/"), "");
        try
        {
            var countyKey = await key.Task.WaitAsync(TimeSpan.FromSeconds(60));
            // The first healthy answer already comes with the network loaded (checked by the caller right after).
            var health = await new Api(running.Base, null).Get("health");
            Assert.Equal(HttpStatusCode.OK, health.Status);
            return running with { CountyKey = countyKey };
        }
        catch
        {
            running.Stop();
            throw;
        }
    }

    internal sealed record Running(Process Process, Uri Base, string CountyKey)
    {
        public void Stop()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
    }
}
