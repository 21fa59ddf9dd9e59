using Lianhua.Commerce.Core.Operations.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Summaries;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Operations;

public sealed class AttentionService(AttentionStore store, IOptions<CommerceOptions> options, UnroutedStore unrouted, LockedStore locked,
    PoisonService poison, SummaryCatchUp summaries, IOptions<Orders.OrderOptions> orders, TimeProvider clock)
{
    /// <summary>The contract bounds each list to 100 items, newest first.</summary>
    public const int MaxItems = 100;

    public async Task<AttentionView> GetAsync(Caller caller, CancellationToken ct)
    {
        caller.RequireCounty();
        var unattributed = await store.UnattributedAsync(options.Value.CountyCode, MaxItems, ct);
        var unroutedOrders = await unrouted.ListAsync(clock.GetUtcNow() - orders.Value.WaitingListedAfter, MaxItems, ct);
        var lockedShipments = await locked.ListAsync(MaxItems, ct);
        var poisoned = await poison.ListAsync(ct);
        var summaryDays = await summaries.NeedingAttentionAsync(MaxItems, ct);
        return new AttentionView(unroutedOrders, lockedShipments, unattributed, poisoned, summaryDays);
    }
}
