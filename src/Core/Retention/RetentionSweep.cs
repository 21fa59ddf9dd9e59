using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Retention.Storage;
using Lianhua.Commerce.Core.Routing;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Retention;

/// <summary>
/// The daily sweep: erases the recipient of orders closed <see cref="RetentionOptions.RecipientDays"/> ago, and deletes
/// Idempotency-Key records, run bookings and leg markers older than <see cref="RetentionOptions.IdempotencyDays"/> (runs
/// themselves stay: one row per link and day, the county's record of its trips). Every read is a RowKey range per station
/// or node that holds what is due or still within retention, never the whole history.
/// </summary>
public sealed class RetentionSweep(NetworkService network, ClosedOrderStore closed, SweepStore sweep, IOptions<RetentionOptions> options,
    TimeProvider clock, ILogger<RetentionSweep> logger)
{
    public sealed record Result(int RecipientsErased, int RecordsDeleted, int BookingsDeleted, int MarkersDeleted);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var net = await network.GetAsync(ct);
        var eraseThrough = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-o.RecipientDays);
        var recordsBefore = now.AddDays(-o.IdempotencyDays);
        var runsBefore = BusinessDay.Of(now).AddDays(-o.IdempotencyDays);
        int erased = 0, records = 0, bookings = 0, markers = 0;
        foreach (var station in net.Document.Stations)
        {
            foreach (var due in await closed.DueAsync(station.Id, eraseThrough, ct)) { await closed.EraseAsync(due, ct); erased++; }
            records += await sweep.RecordsAsync(TableNames.Orders, station.Id, recordsBefore, ct);
        }
        foreach (var node in net.Document.Hubs.Select(h => h.Id).Concat(net.Document.Stations.Select(s => s.Id)))
        {
            bookings += await sweep.BookingsAsync(node, runsBefore.AddDays(-o.CatchUpDays), runsBefore, ct);
            markers += await sweep.LegMarkersAsync(node, runsBefore, ct);
        }
        var result = new Result(erased, records, bookings, markers);
        logger.LogInformation("Retention sweep: {RecipientsErased} recipients erased, {RecordsDeleted} key records, {BookingsDeleted} run bookings and {MarkersDeleted} leg markers deleted",
            result.RecipientsErased, result.RecordsDeleted, result.BookingsDeleted, result.MarkersDeleted);
        return result;
    }
}
