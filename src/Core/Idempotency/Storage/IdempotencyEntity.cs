using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Idempotency.Storage;

/// <summary>
/// An Idempotency-Key's record (<see cref="IdempotencyRecord"/>): in table Orders, in the partition of the data the request
/// changed (the calling or the order's station), RowKey <c>i~{operation}~{key}</c>; a household registration's in table
/// Households, in the county's partition, with the household's id in <see cref="OrderId"/>.
/// </summary>
public sealed class IdempotencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string RequestHash { get; set; } = "";
    public string OrderId { get; set; } = "";
    /// <summary>When the answer was given: a sweep of old records goes by it.</summary>
    public DateTimeOffset At { get; set; }
    public int ResponseStatus { get; set; }
    public string ResponseBody { get; set; } = "";

    public static IdempotencyEntity From(IdempotencyRecord r) => new()
    {
        PartitionKey = r.Scope, RowKey = r.Row, RequestHash = r.RequestHash, OrderId = r.OrderId, At = r.At,
        ResponseStatus = r.Response.Status, ResponseBody = r.Response.Body,
    };

    public IdempotencyRecord ToRecord() => new(PartitionKey, RowKey, RequestHash, OrderId, new StoredResponse(ResponseStatus, ResponseBody), At);
}
