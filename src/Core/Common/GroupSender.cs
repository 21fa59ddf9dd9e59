namespace Lianhua.Commerce.Core.Common;

/// <summary>
/// Group commit for sends: an item sent while no send is in flight goes at once, alone; items that arrive while one is in
/// flight wait for it and then go together, up to <c>maxPerSend</c>, in one call. So a quiet instance adds no latency and a
/// busy one makes one storage request for many items. Every caller learns the outcome of the send that carried its item.
/// </summary>
public sealed class GroupSender<T>(Func<IReadOnlyList<T>, Task> send, int maxPerSend)
{
    private readonly Lock _gate = new();
    private readonly List<(T Item, TaskCompletionSource Done)> _waiting = [];
    private bool _sending;

    public Task SendAsync(T item, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            _waiting.Add((item, done));
            lead = !_sending;
            _sending = true;
        }
        if (lead) _ = DrainAsync();
        return done.Task.WaitAsync(ct);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0) { _sending = false; return; }
                batch = _waiting.Take(maxPerSend).ToList();
                _waiting.RemoveRange(0, batch.Count);
            }
            try
            {
                await send(batch.Select(b => b.Item).ToList());
                foreach (var b in batch) b.Done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var b in batch) b.Done.TrySetException(e);
            }
        }
    }
}
