using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>
/// While <see cref="Active"/>, answers every query of table <c>{prefix}{table}</c> the way Azure answers a filtered query
/// over a partition full of other rows: an empty page with a continuation token (Azurite never does), without sending it.
/// </summary>
public sealed class EmptyPages(string tableName) : HttpPipelinePolicy
{
    private int _served;
    public bool Active { get; set; }
    public int Served => Volatile.Read(ref _served);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!Active || message.Request.Method != RequestMethod.Get || !message.Request.Uri.Path.EndsWith($"/{tableName}()", StringComparison.Ordinal))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }
        var n = Interlocked.Increment(ref _served);
        message.Response = new EmptyPage(message.Request.ClientRequestId, $"1!12!{Convert.ToBase64String(BitConverter.GetBytes(n))}");
    }

    private sealed class EmptyPage(string requestId, string next) : Response
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json;odata=nometadata", ["x-ms-continuation-NextPartitionKey"] = next, ["x-ms-continuation-NextRowKey"] = next,
        };

        public override int Status => 200;
        public override string ReasonPhrase => "OK";
        public override Stream? ContentStream { get; set; } = new MemoryStream("""{"value":[]}"""u8.ToArray());
        public override string ClientRequestId { get; set; } = requestId;
        public override void Dispose() => ContentStream?.Dispose();
        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);
        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var v) ? [v] : null;
            return values is not null;
        }
        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));
    }
}
