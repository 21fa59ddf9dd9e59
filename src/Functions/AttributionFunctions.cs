using Lianhua.Commerce.Core.Attribution;
using Lianhua.Commerce.Core.Operations;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Lianhua.Commerce.Functions;

public sealed class AttributionFunctions(LedgerWriter ledger, LedgerReconciliation reconciliation, ApiKeyService keys, HouseholdSalesService sales,
    QueueWork work)
{
    /// <summary>
    /// A pickup's ledger entries, within seconds. Work that cannot be written is recorded for the county, not poisoned;
    /// transient storage errors escape so the host retries (reconciliation is the backstop either way).
    /// </summary>
    [Function("AttributeSales")]
    public Task Attribute([QueueTrigger(QueueNames.ShipmentsDelivered)] string message, CancellationToken ct) =>
        work.RunAsync<ShipmentDeliveredMessage>(QueueNames.ShipmentsDelivered, message, (m, token) =>
            ledger.WriteIfOwedAsync(new LedgerWork(LedgerWork.Delivery, m.OrderId, m.ShipmentId, DateTimeOffset.MinValue), token), ct);

    /// <summary>Every 2 minutes: ledger work owed for over a minute (a lost message, a killed process) is written.</summary>
    [Function("ReconcileLedger")]
    public Task Reconcile([TimerTrigger("0 */2 * * * *")] TimerInfo timer, CancellationToken ct) => reconciliation.RunAsync(ct);

    [Function("HouseholdSales")]
    public async Task<IResult> Sales(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "households/{id}/sales")] HttpRequest req, string id, CancellationToken ct)
    {
        var caller = await keys.CallerAsync(req, ct);
        return TypedResults.Ok(await sales.GetAsync(caller, id, req.Query("from"), req.Query("to"), ct));
    }
}
