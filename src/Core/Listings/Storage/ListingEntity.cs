using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Listings.Storage;

/// <summary>Table Listings: PartitionKey = township code (starts with the county code), RowKey = listing id.</summary>
public sealed class ListingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string StationId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Category { get; set; } = "";
    public string Unit { get; set; } = "";
    public long UnitWeightGrams { get; set; }
    public long PriceFen { get; set; }
    public long Stock { get; set; }
    public string Producers { get; set; } = "[]";

    public static ListingEntity From(Listing l) => new()
    {
        PartitionKey = l.TownshipCode,
        RowKey = l.Id,
        StationId = l.StationId,
        Title = l.Title,
        Category = l.Category,
        Unit = l.Unit,
        UnitWeightGrams = l.UnitWeightGrams,
        PriceFen = l.PriceFen,
        Stock = l.Stock,
        Producers = JsonSerializer.Serialize(l.Producers, Json.Options),
    };

    public ListingEntity Copy() => (ListingEntity)MemberwiseClone();

    public Listing ToListing() => new(RowKey, StationId, PartitionKey, Title, Category, Unit, UnitWeightGrams, PriceFen, Stock,
        JsonSerializer.Deserialize<List<Producer>>(Producers, Json.Options) ?? []);
}
