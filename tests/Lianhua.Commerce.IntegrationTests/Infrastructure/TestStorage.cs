using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// The Azurite every test in this process talks to: LIANHUA_TEST_STORAGE when scripts/test.sh started one,
/// else one started here (in memory, free ports) and stopped when the process exits.
/// </summary>
public static class TestStorage
{
    private static readonly Lazy<string> Connection = new(Start);
    private static Process? _azurite;

    public static string ConnectionString => Connection.Value;

    public static string RepoRoot { get; } = FindRoot();

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("LIANHUA_TEST_STORAGE") is { Length: > 0 } configured) return configured;
        var exe = Path.Combine(RepoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(exe)) throw new InvalidOperationException("Azurite is not installed: run scripts/test.sh (it runs npm ci).");
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        _azurite = Process.Start(new ProcessStartInfo(exe,
            $"--inMemoryPersistence --skipApiVersionCheck --loose --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {blob} --queuePort {queue} --tablePort {table}")
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { _azurite.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        foreach (var port in new[] { blob, queue, table }) WaitForPort(port);
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};" +
               $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, port); return; }
            catch (SocketException) when (DateTime.UtcNow < deadline) { Thread.Sleep(100); }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lianhua.Commerce.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root.");
    }
}
