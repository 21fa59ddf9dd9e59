namespace Lianhua.Commerce.Core.Common;

/// <summary>
/// A queue message no handler can read (not JSON, or missing what it must name). It fails like any other message, so the
/// host retries it and then moves it to the poison queue, where the county sees it; it is never dropped.
/// </summary>
public sealed class UnreadableMessageException(string detail) : Exception(detail);
