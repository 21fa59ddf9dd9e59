using System.Net;
using Azure.Core;
using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Functions;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// A pickup or an attribution interrupted at every step (before its request, with its response lost), and no client ever
/// sending the pickup again: each delivered shipment still ends in the ledger, once, by the next reconciliation at most.
/// </summary>
public sealed class LedgerFaultTests(LedgerHost host) : IClassFixture<LedgerHost>
{
    private readonly bool _noLeftoverFaults = host.ClearFaults();

    private readonly LedgerFlow _flow = new(host);

    /// <summary>The pickup's transaction: the order row, the scan's record and the ledger outbox row (<c>a~…</c>).</summary>
    private Func<HttpMessage, bool> PickupCommit => m => FaultFlow.Batch($"{host.Prefix}Orders")(m) && FaultFlow.Body(m).Contains("\"a~");

    private Func<HttpMessage, bool> Table(string name, RequestMethod method) => m =>
        m.Request.Method == method && m.Request.Uri.Path.Contains($"/{host.Prefix}{name}");

    /// <summary>Runs the reconciliation timer function as the host would (its work owed for any time: this host's ReconcileAfter is 0).</summary>
    private async Task Reconcile()
    {
        host.Faults.Clear();
        var functions = ActivatorUtilities.CreateInstance<AttributionFunctions>(host.App.Services);
        await functions.Reconcile(new TimerInfo(), default);
    }

    public static TheoryData<string, bool> PickupSteps => new()
    {
        { "commit", true },   // the pickup committed, its answer never reached the station
        { "send", false },    // committed, the shipments-delivered message never sent
        { "send", true },     // sent, the answer lost
    };

    [Theory]
    [MemberData(nameof(PickupSteps))]
    public async Task APickupInterruptedAfterItsCommit_WithNoReplay_IsAttributedOnce_ByReconciliation(string step, bool responseLost)
    {
        var (households, listingId) = await _flow.ListingOfThree([5000, 2500]);
        host.Faults.Add(new($"pickup {step}", step == "commit" ? PickupCommit : FaultFlow.Send($"{host.Prefix}-shipments-delivered"), responseLost, Skip: 0));
        var orderId = await _flow.DeliverOrder(listingId, 2, anyPickupAnswer: true);
        Assert.Equal(0, host.Faults.Remaining);
        Assert.Equal("delivered", (await host.County().Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());

        await Reconcile();
        await Reconcile();
        // 9100: 4550 and 2275 (the rest 2275 is nobody's).
        Assert.Equal([4550L, 2275], (await Task.WhenAll(households.Select(_flow.Sales))).Select(s => s["totalFen"]!.GetValue<long>()));
        Assert.Equal(2, await _flow.LedgerRows(orderId));
        Assert.Empty(await _flow.Owed());
    }

    [Fact]
    public async Task APickupThatFailsBeforeItsCommit_DeliversNothing_AndOwesNothing()
    {
        var (households, listingId) = await _flow.ListingOfThree([5000]);
        host.Faults.Add(new("pickup before send", PickupCommit, AfterSend: false, Skip: 0));
        var orderId = await _flow.DeliverOrder(listingId, 1, anyPickupAnswer: true);
        Assert.NotEqual("delivered", (await host.County().Get($"orders/{orderId}")).Json["status"]!.GetValue<string>());
        await Reconcile();
        Assert.Empty((await _flow.Sales(households[0]))["entries"]!.AsArray());
        Assert.Empty(await _flow.Owed());
    }

    public static TheoryData<string, string> AttributionSteps => new()
    {
        { "HouseholdLedger", "POST" },  // a household's entries
        { "DailyLedger", "POST" },      // the day's row, after the households' entries
        { "Orders", "DELETE" },         // the outbox row, after everything was written
    };

    [Theory]
    [MemberData(nameof(AttributionSteps))]
    public async Task AnAttributionInterruptedAtAnyWrite_EndsWithEachEntryOnce(string table, string method)
    {
        var (households, listingId) = await _flow.ListingOfThree([6000, 3000]);
        // Five of the queue consumer's writes fail here (the last with its answer lost): its tries run out, or a later try or
        // reconciliation finishes.
        var rule = table == "HouseholdLedger" ? FaultFlow.Batch($"{host.Prefix}{table}") : Table(table, method == "POST" ? RequestMethod.Post : RequestMethod.Delete);
        for (var i = 0; i < 4; i++) host.Faults.Add(new($"attribution {table} {i}", rule, AfterSend: false, Skip: 0));
        host.Faults.Add(new($"attribution {table} lost", rule, AfterSend: true, Skip: 0));
        var orderId = await _flow.DeliverOrder(listingId, 1);
        await Eventually.True(() => Task.FromResult(host.Faults.Remaining == 0), 60, "the consumer did not try five times");

        await Reconcile();
        Assert.Equal([2730L, 1365], (await Task.WhenAll(households.Select(_flow.Sales))).Select(s => s["totalFen"]!.GetValue<long>()));
        Assert.Equal(2, await _flow.LedgerRows(orderId));
        Assert.Empty(await _flow.Owed());
    }

    [Fact]
    public async Task MessagesNeverExpire()
    {
        string? sent = null;
        host.Faults.Add(new("note the send", m => { if (FaultFlow.Send($"{host.Prefix}-shipments-delivered")(m)) sent = m.Request.Uri.Query; return false; },
            AfterSend: false, Skip: 0));
        var (_, listingId) = await _flow.ListingOfThree([5000]);
        await _flow.DeliverOrder(listingId, 1);
        host.Faults.Clear();
        Assert.Contains("messagettl=-1", sent);
    }
}
