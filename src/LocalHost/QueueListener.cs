using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.LocalHost;

/// <summary>
/// The Functions host's queue algorithm: receive up to batchSize with a lease, renew it while running, delete on success;
/// on failure retry after visibilityTimeout, or after maxDequeueCount attempts copy to &lt;queue&gt;-poison and delete.
/// A message is deleted only after success or after its copy reached the poison queue.
/// </summary>
public sealed class QueueListener(FunctionDescriptor function, HostSettings settings, CommerceStorage storage,
    IServiceProvider services, ILogger<QueueListener> logger) : BackgroundService
{
    public FunctionDescriptor Function => function;

    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(100);
    private int _running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.Queue(function.QueueName!);
        var poison = storage.Queue(function.QueueName! + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var idle = MinPoll;
        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _running) > settings.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight.Where(t => !t.IsCompleted).Append(Task.Delay(MinPoll, stoppingToken)));
                    inFlight.RemoveAll(t => t.IsCompleted);
                    continue;
                }
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.BatchSize, settings.Lease, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                idle = MinPoll;
                foreach (var message in messages) inFlight.Add(ProcessAsync(queue, poison, message, stoppingToken));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException)
            {
                logger.LogWarning(e, "Polling queue {Queue} failed; trying again", queue.Name);
                await Task.Delay(settings.MaxPollingInterval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        await Task.WhenAll(inFlight).ContinueWith(_ => { }, CancellationToken.None);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _running);
        var receipt = message.PopReceipt;
        using var renewal = new CancellationTokenSource();
        var renewing = RenewAsync(queue, message.MessageId, () => receipt, r => receipt = r, renewal.Token);
        try
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var arguments = function.Method.GetParameters().Select(p => Bind(p, message, stoppingToken)).ToArray();
                await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, arguments);
                await StopAsync(renewal, renewing);
                await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested || e is not OperationCanceledException)
            {
                await StopAsync(renewal, renewing);
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    logger.LogError(e, "Function {Function} failed on message {MessageId} {DequeueCount} times; moving it to {Poison}",
                        function.Name, message.MessageId, message.DequeueCount, poison.Name);
                    await poison.SendMessageAsync(message.Body, timeToLive: QueueSender.NeverExpires, cancellationToken: CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
                }
                else
                {
                    logger.LogWarning(e, "Function {Function} failed on message {MessageId} (attempt {DequeueCount}); retrying",
                        function.Name, message.MessageId, message.DequeueCount);
                    await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: settings.VisibilityTimeout,
                        cancellationToken: CancellationToken.None);
                }
            }
        }
        catch (Exception e)
        {
            // The lease runs out and the message comes back: nothing is lost.
            logger.LogWarning(e, "Settling message {MessageId} on {Queue} failed; it will be delivered again", message.MessageId, queue.Name);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static async Task StopAsync(CancellationTokenSource renewal, Task renewing)
    {
        await renewal.CancelAsync();
        await renewing;
    }

    private async Task RenewAsync(QueueClient queue, string messageId, Func<string> receipt, Action<string> setReceipt, CancellationToken ct)
    {
        // Three tries per lease: one that fails (after the SDK's own retries) leaves two before the message shows again.
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.Lease / 3, ct);
                var updated = await queue.UpdateMessageAsync(messageId, receipt(), visibilityTimeout: settings.Lease, cancellationToken: ct);
                setReceipt(updated.Value.PopReceipt);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning(e, "Renewing the lease of message {MessageId} failed; trying again", messageId);
            }
        }
    }

    private object? Bind(System.Reflection.ParameterInfo p, QueueMessage message, CancellationToken ct)
    {
        if (p.ParameterType == typeof(CancellationToken)) return ct;
        // By position, not by reference: ParameterInfo objects of one parameter are not always the same instance
        // (two hosts in one process reflecting at the same time got different ones, and every message failed to bind).
        if (p.Position != function.TriggerParameter.Position) throw new InvalidOperationException($"LocalHost cannot bind parameter {p.Name} of {function.Name}.");
        if (p.ParameterType == typeof(string)) return message.Body.ToString();
        if (p.ParameterType == typeof(BinaryData)) return message.Body;
        if (p.ParameterType == typeof(byte[])) return message.Body.ToArray();
        if (p.ParameterType == typeof(QueueMessage)) return message;
        return JsonSerializer.Deserialize(message.Body.ToString(), p.ParameterType, Json.Options);
    }
}
