using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Orders.Storage;

/// <summary>
/// A placement's claim (Placement.PlacementClaim): in table Listings, in the partition of the township whose stock the
/// placement takes first, RowKey <c>~~{station}~{key}</c> (after every listing and reservation row of the township).
/// </summary>
public sealed class ClaimEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string StationId { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public string Request { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string PickupCode { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LeasedAt { get; set; }
    public int Attempt { get; set; }
    public string? Fence { get; set; }

    public static string Row(string stationId, string key) => $"~~{stationId}~{key}";

    public static ClaimEntity From(Placement.PlacementClaim c) => new()
    {
        PartitionKey = c.Township, RowKey = ClaimEntity.Row(c.StationId, c.Key), StationId = c.StationId, RequestHash = c.RequestHash,
        Request = JsonSerializer.Serialize(c.Request, Json.Options), OrderId = c.OrderId, PickupCode = c.PickupCode, StartedAt = c.StartedAt,
        LeasedAt = c.LeasedAt, Attempt = c.Attempt, Fence = c.Fence,
    };
}
