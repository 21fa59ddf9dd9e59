namespace Lianhua.Commerce.Core.Storage;

/// <summary>Every queue the app uses; docs/storage.md describes their messages.</summary>
public static class QueueNames
{
    public const string OrdersPlaced = "orders-placed";
    public const string ShipmentsDelivered = "shipments-delivered";

    public static readonly string[] All = [OrdersPlaced, ShipmentsDelivered];
}
