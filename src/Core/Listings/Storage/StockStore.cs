using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Storage;
using Polly;

namespace Lianhua.Commerce.Core.Listings.Storage;

/// <summary>
/// Stock moves only together with a reservation row in the same partition and entity group transaction:
/// the row (RowKey <c>~{listingId}~{orderId}</c>) is the proof that this order's stock was taken, so a retried,
/// resumed or concurrent reservation or release changes stock exactly once.
/// </summary>
public sealed class StockStore(CommerceStorage storage, EntityCache<ListingEntity> cache, ResiliencePipeline contention, TimeProvider clock, Turns? turns = null)
{
    private TableClient Table => storage.Table(TableNames.Listings);

    /// <summary>
    /// Placements and releases in this instance that write the same listings take turns, so a hot listing's orders do not
    /// spend requests (and retries, and latency) failing on each other's ETags (see <see cref="Turns"/>).
    /// </summary>
    private readonly Turns _turns = turns ?? new();

    /// <summary>The most operations one entity group transaction may hold (Table Storage refuses more; so does Azurite).</summary>
    public const int MaxOperations = 100;

    /// <summary>
    /// Lines one reservation transaction takes: each is a stock merge and a reservation row, and the first township's also
    /// holds the key's claim. An order's lines of one township that need more go in several transactions (like townships).
    /// </summary>
    public const int MaxLinesPerTransaction = (MaxOperations - 1) / 2;

    public static string ReservationKey(string listingId, string orderId) => $"~{listingId}~{orderId}";

    /// <summary>
    /// Reserves every line of one township, or none. Returns the priced lines, or the shortages. With a <paramref name="claim"/>
    /// the claim row is inserted in the same transaction: the key is claimed exactly when the stock is taken. A claim that
    /// exists already for another attempt ends the reservation (the claim throws), nothing taken; so does a shortage while
    /// such a claim exists (the stock may be short because that attempt holds it).
    /// Past <paramref name="stopAt"/> it takes nothing more (the placement's lease is half gone; recovery may own it by now).
    /// </summary>
    public Task<(IReadOnlyList<OrderLine> Lines, IReadOnlyList<Shortage> Shortages)> ReserveAsync(string township, string orderId, string stationId,
        IReadOnlyList<RequestedLine> lines, bool resume, IReservationClaim? claim, DateTimeOffset stopAt, CancellationToken ct)
    {
        var lookForHeld = resume;
        return Run(async token =>
        {
            using var turn = await _turns.TakeAsync(township, lines.Select(l => l.ListingId), token);
            var held = lookForHeld ? await FindReservations(township, orderId, lines, token) : new Dictionary<string, ReservationEntity>();
            // The cached copy when there is one (the transaction's If-Match checks it is current), else a point read.
            var copies = lines.Select(l => cache.Find(township, l.ListingId)).ToArray();
            var listings = await Task.WhenAll(lines.Select((l, i) => copies[i] is { } copy ? Task.FromResult<ListingEntity?>(copy) : Read(township, l.ListingId, token)));
            var result = Reserve(township, orderId, stationId, lines, listings, held, out var batch, out var written);
            if (result.Shortages.Count > 0 && copies.Any(c => c is not null))
            {
                // A shortage is an answer no conditional write checks: never give it from a copy.
                listings = await Task.WhenAll(lines.Select(l => Read(township, l.ListingId, token)));
                result = Reserve(township, orderId, stationId, lines, listings, held, out batch, out written);
            }
            // Short, but the stock may be short because another attempt of this key holds it (it died, or is still running):
            // its answer is ours, never a shortage kept for the key while that attempt's stock stays taken.
            if (result.Shortages.Count > 0 && claim is not null) await claim.CheckShortageAsync(token);
            if (result.Shortages.Count > 0 || batch.Count == 0) return result;
            if (clock.GetUtcNow() > stopAt)
                throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
            if (claim is not null) batch.Add(new(TableTransactionActionType.Add, claim.Row));
            try
            {
                var results = await Submit(batch, written, token);
                claim?.Inserted(results[^1].Headers.ETag ?? default);
            }
            catch (WriteConflictException e) when (e.Status == 409)
            {
                // A row this transaction inserts exists. The claim of another attempt: not ours to take. Our own claim or
                // reservation rows: an earlier try of this call made them and its response was lost; carry on from them.
                if (claim is not null && await claim.ExistsAsync(token)) claim = null;
                lookForHeld = true;
                throw;
            }
            return result;
        }, ct);
    }

    private static (IReadOnlyList<OrderLine> Lines, IReadOnlyList<Shortage> Shortages) Reserve(string township, string orderId, string stationId,
        IReadOnlyList<RequestedLine> lines, ListingEntity?[] listings, Dictionary<string, ReservationEntity> held, out List<TableTransactionAction> batch,
        out List<ListingEntity> written)
    {
        var priced = new List<OrderLine>();
        var shortages = new List<Shortage>();
        batch = [];
        written = [];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (held.TryGetValue(line.ListingId, out var existing)) { priced.Add(existing.ToLine()); continue; }
            if (listings[i] is not { } listing)
                throw ValidationFailedException.For("lines", $"listing {line.ListingId} does not exist.");
            if (listing.Stock < line.Quantity) { shortages.Add(new(line.ListingId, line.Quantity, listing.Stock)); continue; }
            // The producers and price in force now are the ones this order's sales are split by, whatever the listing becomes.
            var orderLine = new OrderLine(listing.RowKey, listing.Title, line.Quantity, listing.PriceFen, listing.PriceFen * line.Quantity,
                listing.StationId, township, listing.Category, listing.UnitWeightGrams, listing.ToListing().Producers is { Count: > 0 } p ? p : null);
            priced.Add(orderLine);
            listing.Stock -= line.Quantity;
            written.Add(listing);
            batch.Add(StockWrite(listing));
            batch.Add(new(TableTransactionActionType.Add, ReservationEntity.From(township, orderId, stationId, orderLine)));
        }
        return shortages.Count > 0 ? ([], shortages) : (priced, []);
    }

    private Task<ListingEntity?> Read(string township, string listingId, CancellationToken ct) => cache.ReadAsync(Table, township, listingId, ct);

    /// <summary>Gives back the stock this order still holds on any of the listings, one transaction per township; idempotent.</summary>
    public Task ReleaseAllAsync(string orderId, IEnumerable<string> listingIds, CancellationToken ct) =>
        Task.WhenAll(listingIds.GroupBy(id => Listing.TownshipOf(id)!).Select(g => ReleaseAsync(g.Key, orderId, g.ToList(), ct)));

    /// <summary>Gives back the stock of every line of one township this order still holds; idempotent.</summary>
    private Task ReleaseAsync(string township, string orderId, IReadOnlyList<string> listingIds, CancellationToken ct) =>
        Run(async token =>
        {
            var lines = listingIds.Select(id => new RequestedLine(id, 0)).ToList();
            using var turn = await _turns.TakeAsync(township, listingIds, token);
            var held = await FindReservations(township, orderId, lines, token);
            if (held.Count == 0) return true;
            var listings = await Task.WhenAll(held.Keys.Select(id => Table.GetEntityAsync<ListingEntity>(township, id, cancellationToken: token)));
            var batch = new List<TableTransactionAction>();
            var written = listings.Select(r => r.Value).ToList();
            foreach (var listing in written)
            {
                var reservation = held[listing.RowKey];
                listing.Stock += reservation.Quantity;
                batch.Add(StockWrite(listing));
                batch.Add(new(TableTransactionActionType.Delete, reservation, reservation.ETag));
            }
            await Submit(batch, written, token);
            return true;
        }, ct);

    private async Task<Dictionary<string, ReservationEntity>> FindReservations(string township, string orderId, IReadOnlyList<RequestedLine> lines, CancellationToken ct)
    {
        var rows = await Task.WhenAll(lines.Select(l => Table.GetEntityIfExistsAsync<ReservationEntity>(township, ReservationKey(l.ListingId, orderId), cancellationToken: ct)));
        return rows.Where(r => r.HasValue && r.Value is not null).Select(r => r.Value!).ToDictionary(r => r.ListingId);
    }

    /// <summary>
    /// The new stock alone, merged on the condition that the listing is still the one it was computed from (its ETag): the
    /// same outcome as replacing the whole row, with a much smaller body (and on Azurite a cheaper write than a replace).
    /// </summary>
    private static TableTransactionAction StockWrite(ListingEntity listing) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(listing.PartitionKey, listing.RowKey) { [nameof(ListingEntity.Stock)] = listing.Stock }, listing.ETag);

    /// <summary>Submits the transaction; <paramref name="written"/> are the listings whose <see cref="StockWrite"/> it holds.</summary>
    private async Task<IReadOnlyList<Response>> Submit(List<TableTransactionAction> batch, IReadOnlyList<ListingEntity> written, CancellationToken ct)
    {
        try
        {
            var results = (await Table.SubmitTransactionAsync(batch, ct)).Value;
            for (var i = 0; i < batch.Count; i++)
                if (written.FirstOrDefault(l => l.RowKey == batch[i].Entity.RowKey) is { } listing) cache.RememberWritten(listing, results[i]);
            return results;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409 or 404)
        {
            // 412: a listing changed (or our copy was stale); 409/404: a reservation row appeared or went meanwhile (ours, from a retry).
            // Forget the copies, re-read and decide again.
            foreach (var listing in written) cache.Forget(listing.PartitionKey, listing.RowKey);
            throw new WriteConflictException(e.Status);
        }
    }

    private async Task<T> Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await contention.ExecuteAsync(async token => await work(token), ct);
        }
        catch (WriteConflictException)
        {
            throw new ConflictException("The listing is busy; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
    }
}
