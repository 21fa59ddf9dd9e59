using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.Functions;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Orders with a recipient of their own, taken to delivered or cancelled, and the retention timers run as the host would.</summary>
public sealed class RetentionFlow(LocalHostFixture host)
{
    public NetworkNodes Nodes { get; } = new(host);

    /// <summary>A recipient no other test uses: a name and an 11-digit mobile number.</summary>
    public static (string Name, string Phone) NewRecipient() =>
        ("收件" + Guid.NewGuid().ToString("N")[..6], "139" + Random.Shared.NextInt64(10_000_000, 99_999_999));

    /// <summary>The buyer's routed order of one unit from the seller's new listing, for this recipient.</summary>
    public async Task<JsonNode> RoutedOrder(string seller, string buyer, (string Name, string Phone) recipient, string? listing = null)
    {
        listing ??= await Nodes.NewListing(seller);
        var body = Bodies.Order((listing, 1)) with { Recipient = new RecipientBody(recipient.Name, recipient.Phone) };
        var placed = await (await Nodes.KeyOf(buyer)).Post("orders", body, Headers.Idempotency());
        Assert.True(placed.Status == HttpStatusCode.Created, placed.ToString());
        await Nodes.Routed(placed.Json["id"]!.GetValue<string>(), buyer);
        return placed.Json;
    }

    /// <summary>A same-station order (no legs: ready for pickup once routed), picked up.</summary>
    public async Task<string> Delivered(string station, (string Name, string Phone) recipient, string? listing = null)
    {
        var order = await RoutedOrder(station, station, recipient, listing);
        var id = order["id"]!.GetValue<string>();
        var shipment = (await Nodes.Routed(id, station))["shipments"]![0]!["id"]!.GetValue<string>();
        var pickup = await Nodes.Scan(shipment, "pickup", station, order["pickupCode"]!.GetValue<string>());
        Assert.True(pickup.Status == HttpStatusCode.OK, pickup.ToString());
        Assert.Equal("delivered", (await (await Nodes.KeyOf(station)).Get($"orders/{id}")).Json["status"]!.GetValue<string>());
        return id;
    }

    public async Task<string> Cancelled(string seller, string buyer, (string Name, string Phone) recipient, string? listing = null)
    {
        var id = (await RoutedOrder(seller, buyer, recipient, listing))["id"]!.GetValue<string>();
        var cancel = await (await Nodes.KeyOf(buyer)).Post($"orders/{id}/cancel", new { reason = "test" }, Headers.Idempotency());
        Assert.True(cancel.Status == HttpStatusCode.OK, cancel.ToString());
        return id;
    }

    private RetentionFunctions Functions => ActivatorUtilities.CreateInstance<RetentionFunctions>(host.App.Services);
    public Task CleanUp() => Functions.CleanUp(new TimerInfo(), default);
    public Task Sweep() => Functions.Sweep(new TimerInfo(), default);

    /// <summary>Rows of table Listings after the listings themselves (reservations, claims) that name the order.</summary>
    public async Task<List<string>> ListingLeftovers(string orderId)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"~"} and OrderId eq {orderId}");
        var rows = new List<string>();
        await foreach (var e in host.Storage.Table(TableNames.Listings).QueryAsync<TableEntity>(filter)) rows.Add(e.PartitionKey + "/" + e.RowKey);
        return rows;
    }

    /// <summary>Rows of a partition whose RowKey starts with <paramref name="prefix"/>.</summary>
    public async Task<List<string>> Rows(string table, string partition, string prefix)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix + "~~~"}");
        var rows = new List<string>();
        await foreach (var e in host.Storage.Table(table).QueryAsync<TableEntity>(filter, select: ["RowKey"])) rows.Add(e.RowKey);
        return rows;
    }
}
