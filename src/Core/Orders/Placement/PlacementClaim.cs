using Lianhua.Commerce.Core.Idempotency;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>
/// A placement's claim on its Idempotency-Key, stored next to the stock of its first township (Storage.ClaimStore) and inserted
/// with that township's reservation. It holds the canonical request and a lease, so a replay or the router can finish a
/// placement whose process died; the attempt holding the lease owns the placement. <see cref="Fence"/>: the id of the station
/// key whose fence every commit goes through, also after a takeover.
/// </summary>
public sealed class PlacementClaim(string township, string stationId, string key, PlaceOrder request, string requestHash, string orderId,
    string pickupCode, DateTimeOffset startedAt, string? fence)
{
    public const string Operation = "place";

    public string Township { get; } = township;
    public string StationId { get; } = stationId;
    public string Key { get; } = key;
    public PlaceOrder Request { get; } = request;
    public string RequestHash { get; } = requestHash;
    public string OrderId { get; } = orderId;
    public string PickupCode { get; } = pickupCode;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public string? Fence { get; } = fence;
    public DateTimeOffset LeasedAt { get; set; } = startedAt;
    public int Attempt { get; set; }
    /// <summary>The stored claim's ETag: a takeover and freeing the key are conditional on it.</summary>
    public string? Version { get; set; }

    /// <summary>The request as the key's final record knows it: in the station's partition of Orders.</summary>
    public IdempotentRequest Idempotent => new(StationId, IdempotentRequest.RowOf(Operation, Key), RequestHash);

    /// <summary>A new claim for a new attempt: a new order id and pickup code.</summary>
    public static PlacementClaim New(string township, string stationId, string key, PlaceOrder place, DateTimeOffset now, string? fence = null) =>
        new(township, stationId, key, place, place.Hash(), Orders.OrderId.New(stationId, now), Routing.PickupCode.New(), now, fence);
}
