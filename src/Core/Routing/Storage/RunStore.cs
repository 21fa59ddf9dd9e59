using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;
using Polly;

namespace Lianhua.Commerce.Core.Routing.Storage;

/// <summary>
/// Books legs on runs. The run row's load changes only together with a booking row, in one entity group
/// transaction under the run's ETag, so two shipments racing for the last capacity cannot both get it,
/// and a booking that exists already (a replay) is never counted twice. The run row is taken from this instance's
/// copy when it has one (the ETag checks it); "full" is only ever concluded from a fresh read.
/// </summary>
public sealed class RunStore(CommerceStorage storage, EntityCache<RunEntity> cache, ResiliencePipeline contention, Turns? turns = null)
{
    private TableClient Table => storage.Table(TableNames.Runs);

    /// <summary>
    /// Routings in this instance that book the same run take turns, so they do not spend requests failing on each
    /// other's ETags; the next in turn books from the copy the last one left (see <see cref="Turns"/>).
    /// </summary>
    private readonly Turns _turns = turns ?? new();

    /// <summary>Books the leg on the first run from <paramref name="earliest"/> with room, or returns the run it is on already.</summary>
    public async Task<RunKey> BookAsync(string shipmentId, Leg leg, long weightGrams, DateOnly earliest, DateOnly latest, CancellationToken ct)
    {
        RunPlanner.EnsureFits(shipmentId, leg, weightGrams);
        var lookForMarker = false;
        return await contention.ExecuteAsync(async token =>
        {
            // The marker is added in the same transaction as every booking, so a second booking of this leg can never
            // commit: a replay fails on it (409) and looks here on its next attempt. Until then there is no need to look.
            if (lookForMarker && await FindMarkerAsync(leg.From, shipmentId, token) is { } booked) return booked;
            for (var key = RunKey.For(leg, earliest); key.Date <= latest; key = key.NextDay())
            {
                using var turn = await _turns.TakeAsync(key.From, [RunEntity.Row(key)], token);
                try
                {
                    if (await TryBookAsync(key, leg, shipmentId, weightGrams, token)) return key;
                }
                catch (WriteConflictException e) when (e.Status == 409)
                {
                    lookForMarker = true;
                    throw;
                }
            }
            throw new NoRunWithRoomException($"No run from {leg.From} to {leg.To} has room for shipment {shipmentId} before {BusinessDay.Format(latest)}.");
        }, ct);
    }

    /// <summary>Books the leg on this run if it has room (false when full): run load, booking and marker in one transaction.</summary>
    private async Task<bool> TryBookAsync(RunKey key, Leg leg, string shipmentId, long weightGrams, CancellationToken ct)
    {
        var run = cache.Find(key.From, RunEntity.Row(key));
        if (run is null || !RunPlanner.HasRoom(run.LoadGrams, run.CapacityGrams, weightGrams)) run = await cache.ReadAsync(Table, key.From, RunEntity.Row(key), ct);
        if (run is not null && !RunPlanner.HasRoom(run.LoadGrams, run.CapacityGrams, weightGrams)) return false;
        run ??= new RunEntity
        {
            PartitionKey = key.From, RowKey = RunEntity.Row(key), To = key.To, Date = BusinessDay.Format(key.Date),
            CapacityGrams = leg.CapacityGrams,
        };
        var isNew = run.ETag == default;
        run.LoadGrams += weightGrams;
        try
        {
            var committed = await Table.SubmitTransactionAsync(
            [
                isNew ? new(TableTransactionActionType.Add, run) : new(TableTransactionActionType.UpdateReplace, run, run.ETag),
                new(TableTransactionActionType.Add, new RunBookingEntity
                {
                    PartitionKey = key.From, RowKey = RunBookingEntity.Row(key, shipmentId), ShipmentId = shipmentId, WeightGrams = weightGrams,
                }),
                new(TableTransactionActionType.Add, new LegMarkerEntity
                {
                    PartitionKey = key.From, RowKey = LegMarkerEntity.Row(shipmentId), To = key.To, Date = BusinessDay.Format(key.Date),
                }),
            ], ct);
            cache.RememberWritten(run, committed.Value[0]);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // 412: the run changed (or our copy was stale); 409: a row of this booking exists, so a parallel delivery
            // booked this leg (or another instance created the run). Look again.
            cache.Forget(run.PartitionKey, run.RowKey);
            throw new WriteConflictException(e.Status);
        }
    }

    /// <summary>Takes the shipment off the run, once: deleting its booking (and marker) is the proof.</summary>
    public Task ReleaseAsync(RunKey key, string shipmentId, CancellationToken ct) =>
        contention.ExecuteAsync(async token =>
        {
            var booking = await Table.GetEntityIfExistsAsync<RunBookingEntity>(key.From, RunBookingEntity.Row(key, shipmentId), cancellationToken: token);
            if (!booking.HasValue || booking.Value is null) return;
            var run = (await Table.GetEntityAsync<RunEntity>(key.From, RunEntity.Row(key), cancellationToken: token)).Value;
            run.LoadGrams -= booking.Value.WeightGrams;
            try
            {
                var committed = await Table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, run, run.ETag),
                    new(TableTransactionActionType.Delete, booking.Value, booking.Value.ETag),
                    new(TableTransactionActionType.Delete, new LegMarkerEntity { PartitionKey = key.From, RowKey = LegMarkerEntity.Row(shipmentId) }, ETag.All),
                ], token);
                cache.RememberWritten(run, committed.Value[0]);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                cache.Forget(run.PartitionKey, run.RowKey);
                throw new WriteConflictException();
            }
        }, ct).AsTask();

    /// <summary>Takes the shipment's leg from <paramref name="from"/> off whatever run its marker names; nothing when it has none.</summary>
    public async Task ReleaseBookedAsync(string from, string shipmentId, CancellationToken ct)
    {
        if (await FindMarkerAsync(from, shipmentId, ct) is { } run) await ReleaseAsync(run, shipmentId, ct);
    }

    /// <summary>The runs of a day leaving <paramref name="from"/> (optionally only those to <paramref name="to"/>), with their shipments.</summary>
    public async Task<IReadOnlyList<RunView>> DayAsync(string from, DateOnly day, string? to, CancellationToken ct)
    {
        var start = RunEntity.DayPrefix(day) + (to ?? "");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {from} and RowKey ge {start} and RowKey lt {start + "~~"}");
        // Rows sort as run, its bookings, next run, ...: a booking always follows its run.
        var runs = new List<(RunEntity Run, List<string> Shipments)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var tilde = row.RowKey.IndexOf('~');
            if (to is not null && (tilde < 0 ? row.RowKey : row.RowKey[..tilde]) != start) continue;
            if (tilde < 0)
                runs.Add((new RunEntity
                {
                    PartitionKey = row.PartitionKey, RowKey = row.RowKey, To = row.GetString("To"), Date = row.GetString("Date"),
                    CapacityGrams = row.GetInt64("CapacityGrams") ?? 0, LoadGrams = row.GetInt64("LoadGrams") ?? 0,
                }, []));
            else if (runs.Count > 0) runs[^1].Shipments.Add(row.GetString("ShipmentId"));
        }
        return runs.Select(r => new RunView(r.Run.ToKey().Id, r.Run.PartitionKey, r.Run.To, r.Run.Date, r.Run.CapacityGrams, r.Run.LoadGrams,
            r.Shipments.Order(StringComparer.Ordinal).ToList())).ToList();
    }

    private async Task<RunKey?> FindMarkerAsync(string from, string shipmentId, CancellationToken ct)
    {
        var marker = await Table.GetEntityIfExistsAsync<LegMarkerEntity>(from, LegMarkerEntity.Row(shipmentId), cancellationToken: ct);
        return marker.HasValue && marker.Value is { } m ? m.ToKey() : null;
    }
}
