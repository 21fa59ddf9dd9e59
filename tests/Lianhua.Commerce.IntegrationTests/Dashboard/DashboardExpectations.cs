using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Dashboard;

/// <summary>What the dashboard must show, read from the JSON API with the county key, in the page's data-series shape.</summary>
public sealed record DashboardExpectations(
    Dictionary<string, string> Metrics, Dictionary<string, JsonNode> Charts, List<string> LockedShipments, int UnroutedOrders)
{
    public static async Task<DashboardExpectations> From(Api county, string warehouse)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // China time, UTC+8 all year
        var days = Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29).ToString("yyyy-MM-dd")).ToList();
        var cumulative = await Json(county, "summaries/cumulative");
        var daily = new List<JsonNode>();
        foreach (var day in days) daily.Add(await Json(county, $"summaries/daily/{day}"));
        var runs = (await Json(county, $"runs?nodeId={warehouse}&date={today:yyyy-MM-dd}"))["items"]!.AsArray().Select(r => r!).ToList();
        var attention = await Json(county, "attention");

        var townships = cumulative["byTownship"]!.AsArray().Select(t => t!).ToList();
        var categories = cumulative["byCategory"]!.AsArray().Select(c => c!).ToList();
        return new(
            new[] { "gmvFen", "householdIncomeFen", "householdsReached", "ordersDelivered" }.ToDictionary(m => m, m => cumulative[m]!.ToJsonString()),
            new()
            {
                ["daily"] = Series(days, daily, "gmvFen", "householdIncomeFen"),
                ["township"] = Series(townships.Select(t => t["name"]!.GetValue<string>()), townships, "gmvFen", "householdIncomeFen"),
                ["category"] = Series(categories.Select(c => c["category"]!.GetValue<string>()), categories, "gmvFen"),
                ["runs"] = Series(runs.Select(r => $"{r["from"]!.GetValue<string>()}→{r["to"]!.GetValue<string>()}"), runs, "loadGrams", "capacityGrams"),
            },
            attention["lockedShipments"]!.AsArray().Select(s => s!["shipmentId"]!.GetValue<string>()).ToList(),
            attention["unroutedOrders"]!.AsArray().Count);
    }

    private static JsonNode Series(IEnumerable<string> labels, List<JsonNode> rows, params string[] fields) => new JsonObject
    {
        ["labels"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
        ["series"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f,
            ["values"] = new JsonArray(rows.Select(r => (JsonNode)JsonValue.Create(r[f]!.GetValue<long>())).ToArray()),
        }).ToArray()),
    };

    private static async Task<JsonNode> Json(Api county, string path)
    {
        var response = await county.Get(path);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET {path}: {response}");
        return response.Json;
    }
}
