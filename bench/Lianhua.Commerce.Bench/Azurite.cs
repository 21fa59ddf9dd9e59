using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>An in-memory Azurite on free ports from the repo's node_modules, for one benchmark run.</summary>
static class Azurite
{
    private static Process? _process;

    public static string Start()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Lianhua.Commerce.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repo root not found");
        int blob = Free(), queue = Free(), table = Free();
        _process = Process.Start(new ProcessStartInfo(Path.Combine(root, "node_modules", ".bin", "azurite"),
            $"--inMemoryPersistence --skipApiVersionCheck --loose --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {blob} --queuePort {queue} --tablePort {table}")
        { RedirectStandardOutput = true })!;
        foreach (var port in new[] { blob, queue, table })
            for (var i = 0; ; i++)
                try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, port); break; }
                catch (SocketException) when (i < 300) { Thread.Sleep(100); }
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
               $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public static void Stop() { try { _process?.Kill(true); } catch (InvalidOperationException) { } }

    private static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
