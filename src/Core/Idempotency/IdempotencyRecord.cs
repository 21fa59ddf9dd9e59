namespace Lianhua.Commerce.Core.Idempotency;

/// <summary>A finished request's record: the answer every replay of its key gets, for the order it concerns.</summary>
public sealed record IdempotencyRecord(string Scope, string Row, string RequestHash, string OrderId, StoredResponse Response, DateTimeOffset At);
