using System.Security.Cryptography;
using System.Text;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Idempotency;

/// <summary>
/// A request under an Idempotency-Key. <paramref name="Scope"/> is the partition its record lives in (the calling station's,
/// or the order's for scans and cancels), <paramref name="Row"/> names the operation and key, <paramref name="Hash"/> the
/// canonical request: the same key with another hash is a different request (422, naming the <paramref name="Kind"/> of request).
/// </summary>
public sealed record IdempotentRequest(string Scope, string Row, string Hash, string Kind = "request")
{
    /// <summary>The table of the record: the table of the data the request changes, so both commit in one transaction.</summary>
    public string Table { get; init; } = TableNames.Orders;

    public static string RowOf(string operation, string key) => $"i~{operation}~{key}";

    /// <summary>A request whose canonical form is the given fields, one per line.</summary>
    public static IdempotentRequest Of(string scope, string operation, string key, string kind, params string?[] fields) =>
        new(scope, RowOf(operation, key), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', fields)))), kind);

    /// <summary>The record of this request's answer, to commit together with the change it made.</summary>
    public IdempotencyRecord Answered(StoredResponse response, string orderId, DateTimeOffset at) => new(Scope, Row, Hash, orderId, response, at);

    /// <summary>The kept answer for a replay of this request; 422 when the key was used for another one.</summary>
    public StoredResponse Replay(IdempotencyRecord record) =>
        record.RequestHash == Hash ? record.Response with { Replayed = true } : throw DifferentRequest();

    public UnprocessableException DifferentRequest() => new($"This Idempotency-Key was used for a different {Kind}.");
}
