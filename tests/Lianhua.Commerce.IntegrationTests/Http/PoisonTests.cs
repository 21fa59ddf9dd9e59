using System.Net;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// Messages no handler can read go to the poison queue like any failing message (never dropped), and the county sees each
/// poison queue in GET /api/attention with the last error recorded; the redrive sends them back.
/// </summary>
public sealed class PoisonTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task MessagesNoHandlerCanRead_AreListedWithTheirLastError_AndARedriveSendsThemBack()
    {
        var queue = host.Storage.Queue("orders-placed");
        await queue.SendMessageAsync("{not json");
        await queue.SendMessageAsync("""{"orders":[{"orderId":"no-such-order"}],"sentAt":null}""");
        var listed = await Poisoned("orders-placed", 2);
        Assert.Contains("UnreadableMessageException", listed["lastError"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(listed["oldestAt"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddMinutes(-5));

        var station = await Keys.Of(host, TestData.StationA);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.Post("operations/poison/orders-placed/redrive", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.County().Post("operations/poison/orders-placed-poison/redrive", null)).Status);
        var redriven = await host.County().Post("operations/poison/orders-placed/redrive", null);
        Assert.True(redriven.Status == HttpStatusCode.OK, redriven.ToString());
        Assert.Equal("orders-placed", redriven.Json["queue"]!.GetValue<string>());
        Assert.Equal(2, redriven.Json["moved"]!.GetValue<int>());
        // Sent back (base64, as the listener reads them), they fail again and come back: nothing was dropped.
        await Poisoned("orders-placed", 2);
    }

    /// <summary>The attention entry of the queue once its poison queue holds <paramref name="count"/> messages.</summary>
    private async Task<JsonNode> Poisoned(string queue, int count)
    {
        JsonNode? entry = null;
        await Eventually.True(async () =>
        {
            entry = (await host.County().Get("attention")).Json["poison"]!.AsArray().FirstOrDefault(p => p!["queue"]!.GetValue<string>() == queue);
            return entry?["count"]!.GetValue<int>() == count;
        }, 60, $"{queue} never had {count} poisoned messages");
        return entry!;
    }
}

/// <summary>An order whose routing kept failing (storage refused every booking) is poisoned, then routed once it is redriven.</summary>
public sealed class PoisonRedriveTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task AnOrderPoisonedByFailingStorage_IsRoutedAfterTheRedrive()
    {
        var flow = new FaultFlow(host);
        var listingId = await flow.Listing(stock: 10);
        for (var i = 0; i < 5; i++) host.Faults.Add(new("bookings fail", FaultFlow.Batch($"{host.Prefix}Runs"), AfterSend: false, Skip: 0));
        var id = (await flow.Place(listingId, 2))["id"]!.GetValue<string>();
        JsonNode? entry = null;
        await Eventually.True(async () => (entry = (await host.County().Get("attention")).Json["poison"]!.AsArray().FirstOrDefault()) is not null, 60, "never poisoned");
        Assert.Equal("orders-placed", entry!["queue"]!.GetValue<string>());
        Assert.Equal(1, entry["count"]!.GetValue<int>());
        Assert.Contains("Injected fault", entry["lastError"]!.GetValue<string>());
        Assert.Equal("confirmed", (await flow.Order(id))["status"]!.GetValue<string>());

        var redriven = await host.County().Post("operations/poison/orders-placed/redrive", null);
        Assert.Equal(1, redriven.Json["moved"]!.GetValue<int>());
        var tracking = await flow.Routed(id);
        Assert.Equal("routed", tracking["status"]!.GetValue<string>());
        Assert.Empty((await host.County().Get("attention")).Json["poison"]!.AsArray());
    }
}
