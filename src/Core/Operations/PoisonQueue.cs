namespace Lianhua.Commerce.Core.Operations;

/// <summary>
/// Messages in a queue's poison queue: <paramref name="Queue"/> is the source queue's name, <paramref name="OldestAt"/> an ISO
/// instant, <paramref name="LastError"/> the last failure recorded for one of them (null when none was).
/// </summary>
public sealed record PoisonQueue(string Queue, int Count, string OldestAt, string? LastError);
