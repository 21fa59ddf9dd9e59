namespace Lianhua.Commerce.Core.Routing;

public static class ShipmentIds
{
    /// <summary>A shipment id is <c>{orderId}-{nn}</c> (see <see cref="ShipmentSplitter"/>): the order, and so its partition, follows from it.</summary>
    public static string? OrderOf(string? shipmentId) =>
        shipmentId is { Length: > 4 } id && id[^3] == '-' && char.IsAsciiDigit(id[^2]) && char.IsAsciiDigit(id[^1])
            && Orders.OrderId.Parse(id[..^3]) is not null ? id[..^3] : null;
}
