using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Orders;

public static class OrderStatus
{
    public const string Confirmed = "confirmed";
    public const string Routed = "routed";
    public const string InTransit = "in_transit";
    public const string ReadyForPickup = "ready_for_pickup";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Confirmed, Routed, InTransit, ReadyForPickup, Delivered, Cancelled];
}

/// <summary>A priced line as the order keeps it; origin and weight are what routing needs later.</summary>
public sealed record OrderLine(string ListingId, string Title, long Quantity, long UnitPriceFen, long LineTotalFen,
    string OriginStationId, string TownshipCode, string Category, long UnitWeightGrams);

public sealed record Recipient(string Name, string Phone);

public sealed record Order(string Id, string StationId, string Status, IReadOnlyList<OrderLine> Lines, long TotalFen,
    string PaymentMethod, string PickupCode, DateTimeOffset CreatedAt, Recipient Recipient, string? CancelReason = null)
{
    /// <summary>Order ids carry the ordering station (their partition) and sort newest first within it.</summary>
    public static string NewId(string stationId, DateTimeOffset now) => $"{stationId}-{Suffix(now)}";

    public static string Suffix(DateTimeOffset now) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";

    public const int SuffixLength = 27;

    public static (string StationId, string Suffix)? Parse(string? id)
    {
        if (!Ids.IsSafe(id) || id!.Length < SuffixLength + 2 || id[^(SuffixLength + 1)] != '-') return null;
        var suffix = id[^SuffixLength..];
        return suffix[..19].All(char.IsAsciiDigit) ? (id[..^(SuffixLength + 1)], suffix) : null;
    }

    /// <summary>When the order id was made (its suffix counts down from the largest time).</summary>
    public static DateTimeOffset? TimeOf(string? id) =>
        Parse(id) is { } parsed && long.TryParse(parsed.Suffix[..19], out var inverted) && DateTimeOffset.MaxValue.UtcTicks - inverted is var ticks and >= 0
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    /// <summary>
    /// Only before any shipment has departed. The status alone cannot tell: a same-station shipment is ready for pickup
    /// without departing, and next to a routed one the order rolls up as in_transit although nothing has moved.
    /// </summary>
    public Order Cancel(string reason, bool anyShipmentDeparted) =>
        Status is not (OrderStatus.Cancelled or OrderStatus.Delivered) && !anyShipmentDeparted
            ? this with { Status = OrderStatus.Cancelled, CancelReason = reason }
            : throw new ConflictException(anyShipmentDeparted
                ? "A shipment of this order has departed; it can no longer be cancelled."
                : $"An order that is {Status} can no longer be cancelled.");
}
