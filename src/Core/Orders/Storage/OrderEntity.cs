using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Routing;

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
    /// <summary>The Idempotency-Key of its placement: with the first line's township, it names the claim to remove once closed.</summary>
    public string? PlacementKey { get; set; }
    public DateTimeOffset? RoutedAt { get; set; }
    /// <summary>The order's shipments (gzip JSON): read and changed together with the order, one row, one ETag.</summary>
    public byte[]? Shipments { get; set; }
    /// <summary>Routing's progress (JSON: start day, runs held before routing, why not routed); absent while there is none.</summary>
    public string? Routing { get; set; }
    /// <summary>The order's refunds (JSON); absent until the first.</summary>
    public string? Refunds { get; set; }

    public static string Row(string suffix) => "o" + suffix;

    /// <summary>
    /// Table Storage keeps at most 32K UTF-16 characters in a string property (Azurite refuses more too): the order's
    /// <see cref="Lines"/>, and the 201 body its key's record keeps for replays (and a cancel's record, the same size).
    /// </summary>
    public const int MaxTextChars = 32_000;

    /// <summary>Most bytes of the gzipped shipments kept in one row (a binary property holds 64 KiB).</summary>
    public const int MaxShipmentBytes = 60_000;

    /// <summary>Why the order (with the response kept for its key) does not fit its rows, or null when it does.</summary>
    public static string? TooLarge(Order order, string responseBody)
    {
        var chars = Math.Max(JsonSerializer.Serialize(order.Lines, Json.Options).Length, responseBody.Length);
        return chars <= MaxTextChars ? null
            : $"the lines (their titles) take {chars} characters to store; one order holds at most {MaxTextChars}: place them as several orders.";
    }

    public static OrderEntity From(Order o)
    {
        var entity = new OrderEntity
        {
            PartitionKey = o.StationId,
            RowKey = Row(OrderId.Parse(o.Id)!.Value.Suffix),
            ETag = o.Version is { } version ? new ETag(version) : default,
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
            PlacementKey = o.PlacementKey,
            RoutedAt = o.RoutedAt,
            Refunds = o.Refunds.Count == 0 ? null : JsonSerializer.Serialize(o.Refunds, Json.Options),
            Routing = o.Progress.IsEmpty ? null : JsonSerializer.Serialize(o.Progress, Json.Options),
        };
        if (entity.Refunds?.Length > MaxTextChars) throw new ConflictException("The order has too many refunds to store; refund the rest in one refund.");
        if (o.Shipments.Count > 0)
        {
            entity.Shipments = GzipJson.Serialize(o.Shipments.Select(s => s.ToSnapshot()).ToList());
            if (entity.Shipments.Length > MaxShipmentBytes) throw new InvalidOperationException($"Order {o.Id} has too many shipments to store in one row.");
        }
        return entity;
    }

    public Order ToOrder()
    {
        var shipments = Shipments;
        var order = new Order(Id, PartitionKey, Status, JsonSerializer.Deserialize<List<OrderLine>>(Lines, Json.Options) ?? [], TotalFen, PaymentMethod,
            PickupCode, CreatedAt, new Recipient(RecipientName, RecipientPhone), CancelReason, RoutedAt,
            () => shipments is null ? [] : GzipJson.Deserialize<List<ShipmentSnapshot>>(shipments),
            Refunds is null ? [] : JsonSerializer.Deserialize<List<Refund>>(Refunds, Json.Options) ?? [], ETag.ToString(), PlacementKey);
        if (Routing is not null) order.Restore(JsonSerializer.Deserialize<RoutingProgress>(Routing, Json.Options)!);
        return order;
    }
}
