using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Functions;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Summary tests' steps: deliveries picked up at chosen instants, the daily timer run, reports, and the ledger read directly.</summary>
public sealed class SummaryFlow(SummaryHost host)
{
    public const string SellerB = "st-360321102-04"; // 良坊镇: a second producing township

    public LedgerFlow Ledger { get; } = new(host);

    /// <summary>Places the buyer's order of these lines and scans every leg of every shipment (any time); the order and its shipments.</summary>
    public async Task<(JsonNode Order, JsonNode[] Shipments)> Routed(params (string ListingId, long Quantity)[] lines)
    {
        var order = await Ledger.Nodes.Place(LedgerFlow.Buyer, lines);
        var orderId = order["id"]!.GetValue<string>();
        JsonNode tracking = null!;
        await Eventually.True(async () => (tracking = await Ledger.Nodes.Routed(orderId, LedgerFlow.Buyer))["shipments"]!.AsArray().Count ==
            lines.Select(l => l.ListingId.Split('-')[0]).Distinct().Count(), 30, "not every shipment was routed");
        foreach (var shipment in tracking["shipments"]!.AsArray()) await Ledger.Nodes.ToPickup(shipment!);
        return (order, tracking["shipments"]!.AsArray().Select(s => s!).ToArray());
    }

    /// <summary>Picks the shipment up at <paramref name="at"/> (the host's clock is set there first); the answer is the station's.</summary>
    public async Task<ApiResponse> PickUp(JsonNode order, JsonNode shipment, DateTimeOffset at)
    {
        host.SetNow(at);
        return await Ledger.Nodes.Scan(shipment["id"]!.GetValue<string>(), "pickup", LedgerFlow.Buyer, order["pickupCode"]!.GetValue<string>());
    }

    /// <summary>Runs the DailySalesSummary timer function as the host would.</summary>
    public Task RunTimer() => ActivatorUtilities.CreateInstance<SummaryFunctions>(host.App.Services).Daily(new TimerInfo(), default);

    public async Task<JsonNode> Get(string path)
    {
        var answer = await host.County().Get(path);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer.Json;
    }

    /// <summary>A day's DailyLedger rows, read straight from the table: what its snapshot must add up to.</summary>
    public async Task<IReadOnlyList<(bool Refund, bool Completes, long OrderTotalFen, List<DailyLedgerLine> Lines)>> LedgerDay(DateOnly day)
    {
        var rows = new List<(bool, bool, long, List<DailyLedgerLine>)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"360321-" + day.ToString("yyyyMMdd")}");
        try
        {
            await foreach (var e in host.Storage.Table(Core.Attribution.Storage.DailyLedgerEntity.Table(day)).QueryAsync<TableEntity>(filter))
                rows.Add((e.GetString("Kind") == LedgerWork.Refund, e.GetBoolean("CompletesOrder") == true, e.GetInt64("OrderTotalFen") ?? 0,
                    JsonSerializer.Deserialize<List<DailyLedgerLine>>(e.GetString("Lines"), Core.Common.Json.Options)!));
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // no table: nothing was posted that day
        }
        return rows;
    }

    /// <summary>A household's net entries of one kind over the days, from GET /households/{id}/sales.</summary>
    public async Task<long> HouseholdEntries(string householdId, DateOnly from, DateOnly to, string kind) =>
        (await Get($"households/{householdId}/sales?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"))["entries"]!.AsArray()
            .Where(e => e!["kind"]!.GetValue<string>() == kind).Sum(e => e!["amountFen"]!.GetValue<long>());

    public static long L(JsonNode node, string field) => node[field]!.GetValue<long>();
}
