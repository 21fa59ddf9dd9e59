using Lianhua.Commerce.Core.Operations.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Summaries;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Operations;

public sealed class AttentionService(AttentionStore store, SummaryCatchUp summaries, IOptions<CommerceOptions> options)
{
    /// <summary>The contract bounds each list to 100 items, newest first.</summary>
    public const int MaxItems = 100;

    public async Task<AttentionView> GetAsync(Caller caller, CancellationToken ct)
    {
        caller.RequireCounty();
        var unattributed = await store.UnattributedAsync(options.Value.CountyCode, MaxItems, ct);
        return new AttentionView([], [], unattributed, [], await summaries.NeedingAttentionAsync(MaxItems, ct));
    }
}
