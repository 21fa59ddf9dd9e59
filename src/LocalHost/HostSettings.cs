using System.Text.Json.Nodes;

namespace Lianhua.Commerce.LocalHost;

/// <summary>The parts of host.json the Functions host applies, with the host's defaults where a value is absent.</summary>
public sealed record HostSettings(
    string RoutePrefix, int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan VisibilityTimeout,
    TimeSpan MaxPollingInterval, bool Base64Messages)
{
    /// <summary>The host leases for 10 minutes; LocalHost for 30 s, renewed while running, so a crashed process's messages return soon.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public static HostSettings Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var http = root["extensions"]?["http"];
        var queues = root["extensions"]?["queues"];
        var batchSize = (int?)queues?["batchSize"] ?? 16;
        return new HostSettings(
            RoutePrefix: ((string?)http?["routePrefix"] ?? "api").Trim('/'),
            BatchSize: batchSize,
            NewBatchThreshold: (int?)queues?["newBatchThreshold"] ?? batchSize / 2,
            MaxDequeueCount: (int?)queues?["maxDequeueCount"] ?? 5,
            VisibilityTimeout: TimeSpan.Parse((string?)queues?["visibilityTimeout"] ?? "00:00:00"),
            // Locally the idle backoff is capped at ~2 s whatever Azure's maxPollingInterval is.
            MaxPollingInterval: TimeSpan.FromTicks(Math.Min(TimeSpan.Parse((string?)queues?["maxPollingInterval"] ?? "00:01:00").Ticks,
                TimeSpan.FromSeconds(2).Ticks)),
            Base64Messages: !string.Equals((string?)queues?["messageEncoding"], "none", StringComparison.OrdinalIgnoreCase));
    }
}
