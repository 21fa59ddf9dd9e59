using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Orders;

namespace Lianhua.Commerce.Core.Listings.Storage;

/// <summary>
/// Proof that an order took a listing's stock: in the listing's township partition of Listings, RowKey
/// <c>~{listingId}~{orderId}</c> (see <see cref="StockStore"/>), with the line as it was priced.
/// </summary>
public sealed class ReservationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ListingId { get; set; } = "";
    public string OrderId { get; set; } = "";
    public string StationId { get; set; } = "";
    public string Title { get; set; } = "";
    public long Quantity { get; set; }
    public long UnitPriceFen { get; set; }
    public string OriginStationId { get; set; } = "";
    public string Category { get; set; } = "";
    public long UnitWeightGrams { get; set; }
    /// <summary>The listing's producers when the order took the stock (JSON).</summary>
    public string Producers { get; set; } = "[]";

    public static ReservationEntity From(string township, string orderId, string stationId, OrderLine line) => new()
    {
        PartitionKey = township,
        RowKey = StockStore.ReservationKey(line.ListingId, orderId),
        ListingId = line.ListingId,
        OrderId = orderId,
        StationId = stationId,
        Title = line.Title,
        Quantity = line.Quantity,
        UnitPriceFen = line.UnitPriceFen,
        OriginStationId = line.OriginStationId,
        Category = line.Category,
        UnitWeightGrams = line.UnitWeightGrams,
        Producers = JsonSerializer.Serialize(line.ProducersOrNone, Json.Options),
    };

    public OrderLine ToLine() => new(ListingId, Title, Quantity, UnitPriceFen, UnitPriceFen * Quantity, OriginStationId, PartitionKey, Category, UnitWeightGrams,
        JsonSerializer.Deserialize<List<Producer>>(Producers, Json.Options) ?? []);
}
