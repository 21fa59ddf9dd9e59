using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Orders.Storage;

/// <summary>Table Orders: PartitionKey = ordering station, RowKey = "o" + inverted-ticks suffix (newest first).</summary>
public sealed class OrderEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Id { get; set; } = "";
    public string Status { get; set; } = "";
    public string Lines { get; set; } = "[]";
    public long TotalFen { get; set; }
    public string PaymentMethod { get; set; } = "";
    public string PickupCode { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string RecipientName { get; set; } = "";
    public string RecipientPhone { get; set; } = "";
    public string? CancelReason { get; set; }
    public DateTimeOffset? RoutedAt { get; set; }
    /// <summary>The order's shipments (gzip JSON): read and changed together with the order, one row, one ETag.</summary>
    public byte[]? Shipments { get; set; }

    public IReadOnlyList<Routing.ShipmentSnapshot> ReadShipments() =>
        Shipments is null ? [] : GzipJson.Deserialize<List<Routing.ShipmentSnapshot>>(Shipments);

    public void WriteShipments(IEnumerable<Routing.Shipment> shipments)
    {
        Shipments = GzipJson.Serialize(shipments.Select(s => s.ToSnapshot()).ToList());
        if (Shipments.Length > 60_000) throw new InvalidOperationException($"Order {Id} has too many shipments to store in one row.");
    }

    public static string Row(string suffix) => "o" + suffix;

    /// <summary>
    /// Table Storage keeps at most 32K UTF-16 characters in a string property (Azurite refuses more too): the order's
    /// <see cref="Lines"/>, and the 201 body its key's record keeps for replays (and a cancel's record, the same size).
    /// </summary>
    public const int MaxTextChars = 32_000;

    /// <summary>Why the order (with the response kept for its key) does not fit its rows, or null when it does.</summary>
    public static string? TooLarge(Order order, string responseBody)
    {
        var chars = Math.Max(JsonSerializer.Serialize(order.Lines, Json.Options).Length, responseBody.Length);
        return chars <= MaxTextChars ? null
            : $"the lines (their titles) take {chars} characters to store; one order holds at most {MaxTextChars}: place them as several orders.";
    }

    public static OrderEntity From(Order o, ETag etag = default, DateTimeOffset? routedAt = null, byte[]? shipments = null) => new()
    {
        PartitionKey = o.StationId,
        RowKey = Row(Order.Parse(o.Id)!.Value.Suffix),
        ETag = etag,
        Id = o.Id,
        Status = o.Status,
        Lines = JsonSerializer.Serialize(o.Lines, Json.Options),
        TotalFen = o.TotalFen,
        PaymentMethod = o.PaymentMethod,
        PickupCode = o.PickupCode,
        CreatedAt = o.CreatedAt,
        RecipientName = o.Recipient.Name,
        RecipientPhone = o.Recipient.Phone,
        CancelReason = o.CancelReason,
        RoutedAt = routedAt,
        Shipments = shipments,
    };

    public Order ToOrder() => new(Id, PartitionKey, Status, JsonSerializer.Deserialize<List<OrderLine>>(Lines, Json.Options) ?? [],
        TotalFen, PaymentMethod, PickupCode, CreatedAt, new Recipient(RecipientName, RecipientPhone), CancelReason);
}

/// <summary>
/// An Idempotency-Key's record. Done: in the calling station's partition of Orders, RowKey "i~{operation}~{key}", with the
/// first response, replayed for the same key. Pending (a placement's claim): in table Listings next to the stock of its
/// first township, RowKey "~~{station}~{key}" (see StockStore.ClaimKey), holding the canonical request and a lease so a
/// replay or the router can finish it.
/// </summary>
public sealed class IdempotencyEntity : ITableEntity
{
    public const string Pending = "pending";
    public const string Done = "done";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    /// <summary>The calling station (a claim's partition is a township, a record's is the station).</summary>
    public string StationId { get; set; } = "";
    public string State { get; set; } = Pending;
    public string RequestHash { get; set; } = "";
    public string Request { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string PickupCode { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LeasedAt { get; set; }
    public int Attempt { get; set; }
    /// <summary>A claim's station key id with a fence row (ApiKeyService): the commit goes through it, also after a takeover.</summary>
    public string? Fence { get; set; }
    public int ResponseStatus { get; set; }
    public string ResponseBody { get; set; } = "";
    public string ResponseContentType { get; set; } = "";

    public static string Row(string operation, string key) => $"i~{operation}~{key}";
}
