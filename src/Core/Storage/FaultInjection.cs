using Azure.Core;
using Azure.Core.Pipeline;

namespace Lianhua.Commerce.Core.Storage;

/// <summary>
/// Test-only storage fault injection (registered only by tests): fails a matching request before it is sent
/// (the process "died" before the call) or after it committed (the response was lost), or holds it back for a while
/// and then sends it (the process stalled: a long GC pause, a frozen VM), or rewrites it before sending it (a conditional
/// write made stale, as if another writer had changed the entity first). Inactive without rules.
/// </summary>
public sealed class FaultInjection : HttpPipelinePolicy
{
    private readonly List<Rule> _rules = [];
    private readonly Lock _gate = new();

    public sealed record Rule(string Name, Func<HttpMessage, bool> Matches, bool AfterSend, int Skip, TimeSpan Stall = default,
        Action<HttpMessage>? Rewrite = null);

    public void Add(Rule rule) { lock (_gate) _rules.Add(rule); }
    public void Clear() { lock (_gate) _rules.Clear(); }
    public int Remaining { get { lock (_gate) return _rules.Count; } }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var rule = Take(message);
        if (rule?.Rewrite is { } rewrite)
        {
            rewrite(message);
            await ProcessNextAsync(message, pipeline);
            return;
        }
        if (rule is not null && rule.Stall > TimeSpan.Zero)
        {
            await Task.Delay(rule.Stall);
            await ProcessNextAsync(message, pipeline);
            return;
        }
        if (rule is { AfterSend: false }) throw new InjectedFaultException(rule.Name + " (before send)");
        await ProcessNextAsync(message, pipeline);
        if (rule is { AfterSend: true }) throw new InjectedFaultException(rule.Name + " (response lost)");
    }

    private Rule? Take(HttpMessage message)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(message)) continue;
                if (rule.Skip > 0) { _rules[i] = rule with { Skip = rule.Skip - 1 }; return null; }
                _rules.RemoveAt(i);
                return rule;
            }
            return null;
        }
    }
}
