using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>What must hold in storage whatever the instances did, read straight from the tables.</summary>
public static class StorageInvariants
{
    /// <summary>
    /// Every run carries exactly its bookings (load = their weights, within capacity), every booking has its leg marker
    /// naming that run and every marker its booking. Returns the bookings by shipment id, as "from → run row".
    /// </summary>
    public static async Task<ILookup<string, string>> RunsMatchBookings(CommerceStorage storage)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Table(TableNames.Runs).QueryAsync<TableEntity>()) rows.Add(row);
        var runs = rows.Where(r => !r.RowKey.Contains('~')).ToDictionary(r => (r.PartitionKey, r.RowKey));
        var bookings = rows.Where(r => r.RowKey.Contains('~') && !r.RowKey.StartsWith("leg~")).ToList();
        var markers = rows.Where(r => r.RowKey.StartsWith("leg~")).ToDictionary(r => (r.PartitionKey, r.RowKey));
        foreach (var ((from, row), run) in runs)
        {
            var mine = bookings.Where(b => b.PartitionKey == from && b.RowKey.StartsWith(row + "~")).ToList();
            Assert.True(run.GetInt64("LoadGrams") == mine.Sum(b => b.GetInt64("WeightGrams")),
                $"run {from} {row}: load {run.GetInt64("LoadGrams")} g, bookings {mine.Sum(b => b.GetInt64("WeightGrams"))} g");
            Assert.True(run.GetInt64("LoadGrams") <= run.GetInt64("CapacityGrams"), $"run {from} {row} is over capacity");
        }
        foreach (var booking in bookings)
        {
            var run = booking.RowKey[..booking.RowKey.IndexOf('~')];
            Assert.True(runs.ContainsKey((booking.PartitionKey, run)), $"booking {booking.RowKey} has no run");
            Assert.True(markers.TryGetValue((booking.PartitionKey, "leg~" + booking.GetString("ShipmentId")), out var marker),
                $"booking {booking.RowKey} has no leg marker");
            Assert.Equal(run, $"{marker.GetString("Date")!.Replace("-", "")}_{marker.GetString("To")}");
        }
        Assert.Equal(markers.Count, bookings.Count);
        return bookings.ToLookup(b => b.GetString("ShipmentId"), b => $"{b.PartitionKey} → {b.RowKey[..b.RowKey.IndexOf('~')]}");
    }

    /// <summary>The listing's stock plus what its reservations hold: what it had before any order (when no PATCH changed it).</summary>
    public static async Task<(long Stock, long Reserved, int Reservations)> StockAndReservations(CommerceStorage storage, string listingId)
    {
        var table = storage.Table(TableNames.Listings);
        var township = Lianhua.Commerce.Core.Listings.Listing.TownshipOf(listingId)!;
        var listing = (await table.GetEntityAsync<TableEntity>(township, listingId)).Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {township} and RowKey ge {"~" + listingId + "~"} and RowKey lt {"~" + listingId + "~~"}");
        long reserved = 0;
        var count = 0;
        await foreach (var r in table.QueryAsync<TableEntity>(filter)) { reserved += r.GetInt64("Quantity") ?? 0; count++; }
        return (listing.GetInt64("Stock") ?? 0, reserved, count);
    }
}
