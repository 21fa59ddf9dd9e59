using System.Net;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>A host whose every log line, Information and up, is kept for searching (the console gets warnings only).</summary>
public sealed class HouseholdHost() : LocalHostFixture(("Logging:LogLevel:Default", "Information"), ("Logging:Console:LogLevel:Default", "Warning"))
{
    public LogCapture Logs { get; } = new();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}

/// <summary>National IDs and full names: in no entity of any table, no queue message and no log line, whatever the requests did.</summary>
public sealed class HouseholdPrivacyTests(HouseholdHost host) : IClassFixture<HouseholdHost>
{
    [Fact]
    public async Task PersonalData_IsNowhereInStorageOrLogs_AfterRegistrationsRejectionsAndReads()
    {
        var people = new[] { ("上官婉儿", HouseholdData.NewNationalId()), ("司马相如", HouseholdData.NewNationalId()), ("诸葛孔明", HouseholdData.NewNationalId()) };
        var ids = new List<string>();
        foreach (var (name, nationalId) in people)
        {
            var created = await host.County().Post("households", HouseholdData.New(TestData.StationB, nationalId, name),
                Headers.Idempotency());
            Assert.Equal(HttpStatusCode.Created, created.Status);
            ids.Add(created.Json["id"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.Conflict, (await host.County().Post("households", HouseholdData.New(TestData.StationA, nationalId, name))).Status);
        }
        foreach (var id in ids) Assert.Equal(HttpStatusCode.OK, (await host.County().Get($"households/{id}")).Status);
        var invalid = people[0].Item2[..17] + (people[0].Item2[17] == '0' ? '1' : '0');
        Assert.Equal(HttpStatusCode.BadRequest, (await host.County().Post("households", HouseholdData.New(nationalId: invalid, name: "欧阳修文"))).Status);

        // The whole number, any part of it beyond its last four, and the full names.
        var secrets = people.SelectMany(p => new[] { p.Item1, p.Item2, p.Item2[..14], p.Item2[6..14] }).Append(invalid[..14]).Append("欧阳修文").ToList();
        Assert.Empty(await PlaintextSearch.FindAsync(host.Storage, secrets));
        Assert.NotEmpty(await PlaintextSearch.FindAsync(host.Storage, ["莲花县农业农村局"])); // the search does read the households
        Assert.Contains(host.Logs.Lines, l => l.Contains(ids[0]));
        Assert.DoesNotContain(host.Logs.Lines, l => secrets.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task PersonalData_IsNowhereInStorageQueuesOrLogs_AfterAFullRun_SalesRefundAndReconciliation()
    {
        var people = new[] { ("欧阳春花", HouseholdData.NewNationalId()), ("皇甫秋月", HouseholdData.NewNationalId()) };
        var households = new List<string>();
        foreach (var (name, nationalId) in people)
        {
            var created = await host.County().Post("households", HouseholdData.New(LedgerFlow.Seller, nationalId, name));
            Assert.Equal(HttpStatusCode.Created, created.Status);
            households.Add(created.Json["id"]!.GetValue<string>());
        }
        var flow = new LedgerFlow(host);
        var listingId = await TestData.NewListingId(await flow.Nodes.KeyOf(LedgerFlow.Seller),
            Bodies.Listing(producers: [new ProducerBody(households[0], 5000), new ProducerBody(households[1], 3000)]));
        var orderId = await flow.DeliverOrder(listingId, 2);
        await flow.SalesOnceAttributed(households[0], 30);
        var refund = await (await flow.Nodes.KeyOf(LedgerFlow.Buyer)).Post($"orders/{orderId}/refunds",
            new { lines = new[] { new { listingId, quantity = 1 } }, reason = "破损" }, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Created, refund.Status);
        await host.App.Services.GetRequiredService<Core.Attribution.LedgerReconciliation>().RunAsync(default);
        Assert.Equal(2, (await flow.Sales(households[1]))["entries"]!.AsArray().Count);

        var secrets = people.SelectMany(p => new[] { p.Item1, p.Item2, p.Item2[..14], p.Item2[6..14] }).ToList();
        Assert.Empty(await PlaintextSearch.FindAsync(host.Storage, secrets));
        Assert.NotEmpty(await PlaintextSearch.FindAsync(host.Storage, [households[0]])); // the search reads the ledger too
        Assert.Contains(host.Logs.Lines, l => l.Contains(orderId));
        Assert.DoesNotContain(host.Logs.Lines, l => secrets.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase)));
    }
}
