using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lianhua.Commerce.Testing;

/// <summary>
/// An in-memory Azurite on free loopback ports, from the repo's node_modules (scripts/test.sh runs npm ci).
/// Compiled into the integration tests and the benchmark; stopped with the process that started it.
/// </summary>
public static class AzuriteProcess
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The Azurite this process started last (null when none): the benchmark reads its CPU time.</summary>
    public static Process? Started { get; private set; }

    /// <summary>Starts Azurite and returns its connection string.</summary>
    public static string Start()
    {
        var exe = Path.Combine(RepoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(exe)) throw new InvalidOperationException("Azurite is not installed: run scripts/test.sh (it runs npm ci).");
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var process = Process.Start(new ProcessStartInfo(exe,
            $"--inMemoryPersistence --skipApiVersionCheck --loose --silent --disableTelemetry --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {blob} --queuePort {queue} --tablePort {table}")
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        Started = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        foreach (var port in new[] { blob, queue, table }) WaitForPort(port);
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
               $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
