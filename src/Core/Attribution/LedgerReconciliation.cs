using Lianhua.Commerce.Core.Attribution.Storage;
using Lianhua.Commerce.Core.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Attribution;

/// <summary>
/// Finds ledger work still owed (outbox rows older than <see cref="LedgerOptions.ReconcileAfter"/>: a pickup or refund whose
/// message or inline write was lost, a process killed, work that was unattributable before) and writes it. It reads one
/// RowKey range per station of the network, so its cost follows the stations, not the history.
/// </summary>
public sealed class LedgerReconciliation(NetworkService network, PendingLedgerStore pending, LedgerWriter writer, IOptions<LedgerOptions> options,
    TimeProvider clock, ILogger<LedgerReconciliation> logger)
{
    public async Task<ReconciliationResult> RunAsync(CancellationToken ct)
    {
        var net = await network.GetAsync(ct);
        var before = clock.GetUtcNow() - options.Value.ReconcileAfter;
        int owed = 0, written = 0, unattributable = 0;
        foreach (var station in net.Document.Stations)
            foreach (var work in (await pending.ListAsync(station.Id, ct)).Where(w => w.At <= before))
            {
                owed++;
                switch (await writer.WriteAsync(work, ct))
                {
                    case LedgerOutcome.Written: written++; break;
                    case LedgerOutcome.Unattributable: unattributable++; break;
                }
            }
        if (owed > 0)
            logger.LogWarning("Ledger reconciliation: {Owed} owed postings found, {Written} written, {Unattributable} unattributable", owed, written, unattributable);
        else
            logger.LogInformation("Ledger reconciliation: nothing owed");
        return new ReconciliationResult(owed, written, unattributable);
    }
}
