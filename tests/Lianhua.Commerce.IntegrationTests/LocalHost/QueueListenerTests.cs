using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Lianhua.Commerce.LocalHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lianhua.Commerce.IntegrationTests.LocalHost;

public sealed record Probe(string Text, long AmountFen);

/// <summary>Functions that exist only for these tests; the listener treats them like the app's.</summary>
public sealed class ProbeFunctions
{
    public static readonly ConcurrentDictionary<string, ConcurrentBag<string>> Seen = new();

    [Function("ProbeEcho")]
    public void Echo([QueueTrigger("probe-echo")] string message) => Seen.GetOrAdd("echo", _ => []).Add(message);

    [Function("ProbeTyped")]
    public Task Typed([QueueTrigger("probe-typed")] Probe probe, CancellationToken ct)
    {
        Seen.GetOrAdd("typed", _ => []).Add($"{probe.Text}|{probe.AmountFen}");
        return Task.CompletedTask;
    }

    [Function("ProbeFails")]
    public Task Fails([QueueTrigger("probe-fails")] string message)
    {
        Seen.GetOrAdd("fails:" + message, _ => []).Add(message);
        throw new InvalidOperationException("always fails");
    }
}

/// <summary>Not a [Function]: reached only through a hand-made descriptor, seen through a derived type.</summary>
public class ProbeBase
{
    public void Handle(string message) => ProbeFunctions.Seen.GetOrAdd("inherited", _ => []).Add(message);
}

public sealed class ProbeDerived : ProbeBase;

public sealed class QueueListenerTests
{
    private readonly CommerceStorage _storage = new(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = TestStorage.NewPrefix() });
    private readonly HostSettings _settings = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")) with { VisibilityTimeout = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Base64Message_SentWithStorageQueues_ReachesTheFunctionIntact()
    {
        var text = "{\"orderId\":\"莲花-42\",\"note\":\"白莲 ✓\"}";
        await using var listener = await Start("ProbeEcho");
        // A sender as the contract tells clients to build it: Base64 encoding.
        var sender = new QueueClient(TestStorage.ConnectionString, listener.Queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await sender.SendMessageAsync(text);
        await Eventually.True(() => ProbeFunctions.Seen.TryGetValue("echo", out var seen) && seen.Contains(text));
        await Eventually.True(async () => (await sender.PeekMessagesAsync()).Value.Length == 0);
    }

    [Fact]
    public async Task JsonMessage_BindsToTheTriggerParameterType()
    {
        await using var listener = await Start("ProbeTyped");
        await _storage.Queue("probe-typed").SendMessageAsync("{\"text\":\"茶油\",\"amountFen\":12345}");
        await Eventually.True(() => ProbeFunctions.Seen.TryGetValue("typed", out var seen) && seen.Contains("茶油|12345"));
    }

    [Fact]
    public async Task MessageThatAlwaysFails_LandsInPoisonQueue_AfterMaxDequeueCountTries()
    {
        var body = "poison-" + Guid.NewGuid().ToString("N");
        await using var listener = await Start("ProbeFails");
        await _storage.Queue("probe-fails").SendMessageAsync(body);
        var poison = _storage.Queue("probe-fails-poison");
        await Eventually.True(async () => (await poison.PeekMessagesAsync()).Value.Any(m => m.Body.ToString() == body), 60);
        Assert.Equal(_settings.MaxDequeueCount, ProbeFunctions.Seen["fails:" + body].Count);
        Assert.Empty((await _storage.Queue("probe-fails").PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task TriggerParameter_IsMatchedByPosition_NotByReflectionObjectIdentity()
    {
        // The same parameter reflected twice (here through two types) gives two ParameterInfo objects; the listener
        // must bind either. Two LocalHosts starting in one process at once produced exactly this.
        var method = typeof(ProbeDerived).GetMethod(nameof(ProbeBase.Handle))!;
        var sameParameter = typeof(ProbeBase).GetMethod(nameof(ProbeBase.Handle))!.GetParameters()[0];
        Assert.NotSame(method.GetParameters()[0], sameParameter);
        var function = new FunctionDescriptor("ProbeInherited", method, TriggerKind.Queue, sameParameter, null, [], "probe-inherited", null);
        var body = "inherited-" + Guid.NewGuid().ToString("N");
        await using var listener = await Start(function);
        await _storage.Queue("probe-inherited").SendMessageAsync(body);
        await Eventually.True(() => ProbeFunctions.Seen.TryGetValue("inherited", out var seen) && seen.Contains(body));
    }

    private Task<RunningListener> Start(string functionName) =>
        Start(FunctionCatalog.Discover(typeof(ProbeFunctions).Assembly).Single(f => f.Name == functionName));

    private async Task<RunningListener> Start(FunctionDescriptor function)
    {
        await _storage.Queue(function.QueueName!).CreateIfNotExistsAsync();
        await _storage.Queue(function.QueueName! + "-poison").CreateIfNotExistsAsync();
        var services = new ServiceCollection().BuildServiceProvider();
        var listener = new QueueListener(function, _settings, _storage, services, NullLogger<QueueListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        return new RunningListener(listener, _storage.Queue(function.QueueName!).Name);
    }

    private sealed record RunningListener(QueueListener Listener, string Queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Listener.StopAsync(CancellationToken.None);
    }
}

public sealed class SlowProbeFunctions
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();

    [Function("ProbeSlow")]
    public async Task Slow([QueueTrigger("probe-slow")] string message, CancellationToken ct)
    {
        Runs.AddOrUpdate(message, 1, (_, n) => n + 1);
        await Task.Delay(TimeSpan.FromSeconds(8), ct);
    }
}

/// <summary>The lease: renewed while a function runs; a message held by a process that died comes back when it runs out.</summary>
public sealed class QueueLeaseTests
{
    private readonly CommerceStorage _storage = new(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = TestStorage.NewPrefix() });
    private readonly HostSettings _settings = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json")) with { Lease = TimeSpan.FromSeconds(4) };

    private QueueListener Listener() => new(FunctionCatalog.Discover(typeof(SlowProbeFunctions).Assembly).Single(f => f.Name == "ProbeSlow"),
        _settings, _storage, new ServiceCollection().BuildServiceProvider(), NullLogger<QueueListener>.Instance);

    [Fact]
    public async Task FunctionRunningLongerThanTheLease_IsNotDeliveredTwice_AndItsMessageIsDeletedAfter()
    {
        var queue = _storage.Queue("probe-slow");
        await queue.CreateIfNotExistsAsync();
        var body = "slow-" + Guid.NewGuid().ToString("N");
        await queue.SendMessageAsync(body);
        var listener = Listener();
        await listener.StartAsync(CancellationToken.None);
        await Eventually.True(async () => (await queue.PeekMessagesAsync()).Value.Length == 0 && SlowProbeFunctions.Runs.ContainsKey(body), 20);
        await Task.Delay(TimeSpan.FromSeconds(10)); // past two leases and the function's end
        await listener.StopAsync(CancellationToken.None);
        Assert.Equal(1, SlowProbeFunctions.Runs[body]);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task ARenewalThatFails_IsTriedAgain_SoTheMessageIsStillNotDeliveredTwice()
    {
        var faults = new FaultInjection();
        var storage = new CommerceStorage(new StorageOptions { ConnectionString = TestStorage.ConnectionString, Prefix = TestStorage.NewPrefix() }, [faults]);
        var queue = storage.Queue("probe-slow");
        await queue.CreateIfNotExistsAsync();
        var body = "renew-" + Guid.NewGuid().ToString("N");
        await queue.SendMessageAsync(body);
        // The first renewal fails (a storage hiccup past the SDK's retries); the function runs 8 s, the lease is 4 s.
        faults.Add(new("renewal", m => m.Request.Method == Azure.Core.RequestMethod.Put && m.Request.Uri.Path.Contains("/messages/"), AfterSend: false, Skip: 0));
        var listener = new QueueListener(FunctionCatalog.Discover(typeof(SlowProbeFunctions).Assembly).Single(f => f.Name == "ProbeSlow"),
            _settings, storage, new ServiceCollection().BuildServiceProvider(), NullLogger<QueueListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await Eventually.True(() => SlowProbeFunctions.Runs.ContainsKey(body), 20);
        await Eventually.True(() => faults.Remaining == 0, 10, "no renewal was tried");
        await Task.Delay(TimeSpan.FromSeconds(9)); // past the function's end and two leases
        await listener.StopAsync(CancellationToken.None);
        Assert.Equal(1, SlowProbeFunctions.Runs[body]);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task MessageHeldByAProcessThatDied_ComesBackWhenTheLeaseRunsOut()
    {
        var queue = _storage.Queue("probe-slow");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("held");
        // A "process" takes the message with the lease and dies: nobody renews, deletes or releases it.
        var taken = await queue.ReceiveMessagesAsync(1, _settings.Lease);
        Assert.Single(taken.Value);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        await Eventually.True(async () => (await queue.PeekMessagesAsync()).Value.Length == 1, 10, "the message did not come back after the lease");
    }
}
