using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Ledger tests' steps: households registered to the seller's station, a listing they produce, an order delivered across
/// townships (路口村 → 路口镇 hub → county warehouse → 六市乡 hub → 海潭村), household sales, and what is still owed.
/// </summary>
public sealed class LedgerFlow(LocalHostFixture host)
{
    public const string Seller = TestData.StationA;
    public const string Buyer = "st-360321204-01";

    public NetworkNodes Nodes { get; } = new(host);

    /// <summary>Households registered to the seller's station, and a listing at 4550 fen they produce with these shares.</summary>
    public async Task<(string[] Households, string ListingId)> ListingOfThree(int[] shares)
    {
        var households = new string[shares.Length];
        for (var i = 0; i < shares.Length; i++) households[i] = (await HouseholdData.Register(host, Seller))["id"]!.GetValue<string>();
        var producers = households.Select((h, i) => new ProducerBody(h, shares[i])).ToList();
        var listingId = await TestData.NewListingId(await Nodes.KeyOf(Seller), Bodies.Listing(stock: 100, producers: producers));
        return (households, listingId);
    }

    /// <summary>
    /// Places the buyer's order, waits for routing, scans every leg and picks it up; the order's id. The pickup must answer 200
    /// unless <paramref name="anyPickupAnswer"/> (a station app that gave up on its answer).
    /// </summary>
    public async Task<string> DeliverOrder(string listingId, long quantity, bool anyPickupAnswer = false)
    {
        var order = await Nodes.Place(Buyer, (listingId, quantity));
        var orderId = order["id"]!.GetValue<string>();
        var shipment = (await Nodes.Routed(orderId, Buyer))["shipments"]![0]!;
        await Nodes.ToPickup(shipment);
        var pickup = await Nodes.Scan(shipment["id"]!.GetValue<string>(), "pickup", Buyer, order["pickupCode"]!.GetValue<string>());
        Assert.True(anyPickupAnswer || pickup.Status == HttpStatusCode.OK, pickup.ToString());
        return orderId;
    }

    public async Task<JsonNode> Sales(string householdId)
    {
        var sales = await host.County().Get($"households/{householdId}/sales");
        Assert.True(sales.Status == HttpStatusCode.OK, sales.ToString());
        return sales.Json;
    }

    /// <summary>The household's sales once they show an entry (within <paramref name="seconds"/>).</summary>
    public async Task<JsonNode> SalesOnceAttributed(string householdId, int seconds)
    {
        JsonNode sales = null!;
        await Eventually.True(async () => (sales = await Sales(householdId))["entries"]!.AsArray().Count > 0, seconds, $"household {householdId} never got its entry");
        return sales;
    }

    /// <summary>Ledger work still owed, by any station of the network.</summary>
    public async Task<IReadOnlyList<LedgerWork>> Owed()
    {
        var pending = host.App.Services.GetRequiredService<PendingLedgerStore>();
        return (await Task.WhenAll(new[] { Seller, Buyer }.Select(s => pending.ListAsync(s, default)))).SelectMany(w => w).ToList();
    }

    /// <summary>Household ledger rows of the order, however many households and days.</summary>
    public async Task<int> LedgerRows(string orderId)
    {
        var table = host.Storage.Table("HouseholdLedger");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrderId eq {orderId}"))) count++;
        return count;
    }

    /// <summary>The order's rows in the day-partitioned ledger (a table per day), whatever their days.</summary>
    public async Task<List<TableEntity>> DailyRows(string orderId)
    {
        var rows = new List<TableEntity>();
        var prefix = host.Prefix + "DailyLedger";
        await foreach (var table in host.Storage.Tables.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix + "0"} and TableName le {prefix + "9"}")))
            await foreach (var row in host.Storage.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OrderId eq {orderId}")))
                rows.Add(row);
        return rows;
    }
}
