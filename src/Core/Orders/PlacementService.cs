using System.Security.Cryptography;
using System.Text.Json;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Listings.Storage;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Security;
using Lianhua.Commerce.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>
/// Places an order crash-safely: (1) send orders-placed (hidden briefly) so recovery is driven even if this process dies,
/// (2) reserve the first township's stock and claim the Idempotency-Key in one transaction (the claim row lives next to that
/// stock and holds the request), then the other townships' stock, all or nothing, (3) commit the order and the key's final
/// record in one transaction. Every step is idempotent, so a replay or the router can resume a placement that died at any point.
/// </summary>
public sealed class PlacementService(OrderStore orders, StockStore stock, OrdersPlacedQueue queue, Foreground foreground, ApiKeyService keys, Network.NetworkService network,
    IOptions<OrderOptions> options, TimeProvider clock, ILogger<PlacementService> logger)
{
    public const string Operation = "place";
    private OrderOptions Options => options.Value;

    /// <summary>
    /// A station key's placement commits through the key's fence (<see cref="Caller.Fenced"/>), so none commits once the key is
    /// revoked. A caller authenticated from a copy of its key (<see cref="Caller.FromCopy"/>) gets any other answer, or error,
    /// only after the key is read afresh.
    /// </summary>
    public async Task<StoredResponse> PlaceAsync(Caller caller, string? idempotencyKey, OrderRequest? request, CancellationToken ct)
    {
        var response = await keys.VerifiedOnFailureAsync(caller, () => PlaceAsync(caller, idempotencyKey, request, caller.Fenced ? caller.KeyId : null, ct), ct);
        if (!response.CommittedHere) await keys.VerifyAsync(caller, ct);
        return response;
    }

    private async Task<StoredResponse> PlaceAsync(Caller caller, string? idempotencyKey, OrderRequest? request, string? fence, CancellationToken ct)
    {
        var stationId = caller.RequireStation();
        var key = IdempotencyKey.Require(idempotencyKey);
        var place = PlaceOrder.From(request);
        using var running = foreground.Enter();
        var hash = place.Hash();
        var township = ClaimTownship(place);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var claim = NewClaim(township, stationId, key, place, hash, now, fence);
            await queue.SendPlacedAsync(new OrderPlacedMessage(claim.OrderId, stationId, key, township), ct);
            try
            {
                return await ExecuteAsync(claim, place, resume: false, fence, ct);
            }
            catch (KeyTakenException)
            {
                // Another attempt of this key holds the claim (or finished): its answer is ours.
            }
            if (await AwaitExistingAsync(stationId, key, hash, township, fence, ct) is { } existing) return existing;
        }
        throw new ConflictException("This Idempotency-Key is busy; try again.", retryAfter: TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Called by the router for an order it cannot find: null when there is nothing (more) to do, else when to look again
    /// (when the placement's lease runs out). Takes over a placement whose claim's lease ran out and finishes it.
    /// </summary>
    public async Task<TimeSpan?> RecoverAsync(OrderPlacedMessage message, CancellationToken ct)
    {
        if (message.IdempotencyKey is null || message.ClaimTownship is null) return null;
        if (await orders.FindIdempotencyAsync(message.StationId, IdempotencyEntity.Row(Operation, message.IdempotencyKey), ct) is not null) return null;
        var claim = await stock.FindClaimAsync(message.ClaimTownship, StockStore.ClaimKey(message.StationId, message.IdempotencyKey), ct);
        if (claim is null)
        {
            // Not claimed: the attempt took nothing (or gave up and freed the key). Once its lease is over, it never will.
            var started = Order.TimeOf(message.OrderId) ?? DateTimeOffset.MinValue;
            return LookAgainIn(started);
        }
        if (!IsStale(claim)) return LookAgainIn(claim.LeasedAt);
        if (!await TakeOverAsync(claim, ct)) return Options.RouteDelay; // another attempt took it over just now
        logger.LogWarning("Order {OrderId}: the router takes over an abandoned placement (attempt {Attempt})", claim.OrderId, claim.Attempt);
        // Through the fence of the key that claimed it: a key revoked before the commit commits nothing, whoever commits.
        await ExecuteAsync(claim, null, resume: true, fence: claim.Fence, ct);
        return null;
    }

    /// <summary>Null once a lease that started then is over, else a little after it will be.</summary>
    private TimeSpan? LookAgainIn(DateTimeOffset leasedAt)
    {
        var left = leasedAt + Options.PlacementLease - clock.GetUtcNow();
        return left < TimeSpan.Zero ? null : left + Options.RouteDelay;
    }

    private async Task<StoredResponse?> AwaitExistingAsync(string stationId, string key, string hash, string township, string? fence, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + Options.InFlightWait;
        while (true)
        {
            if (await orders.FindIdempotencyAsync(stationId, IdempotencyEntity.Row(Operation, key), ct) is { } record)
                return record.RequestHash == hash ? Replay(record) : throw DifferentRequest();
            var claim = await stock.FindClaimAsync(township, StockStore.ClaimKey(stationId, key), ct);
            if (claim is null) return null; // the first attempt gave up and freed the key: claim it again
            if (claim.RequestHash != hash) throw DifferentRequest();
            if (IsStale(claim) && await TakeOverAsync(claim, ct))
            {
                logger.LogWarning("Order {OrderId}: taking over an abandoned placement (attempt {Attempt})", claim.OrderId, claim.Attempt);
                await queue.SendAsync(new OrderPlacedMessage(claim.OrderId, stationId, key, township), Options.RouteDelay, ct);
                return (await ExecuteAsync(claim, null, resume: true, fence, ct)) with { Replayed = true };
            }
            if (clock.GetUtcNow() >= deadline)
                throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150), clock, ct);
        }
    }

    private static UnprocessableException DifferentRequest() => new("This Idempotency-Key was used for a different request.");

    /// <summary>
    /// A placement's claim on its key, to be inserted with the first township's reservation: a new order id and pickup code,
    /// and the id of the station key whose fence its commit goes through (so a takeover commits through it too).
    /// </summary>
    public static IdempotencyEntity NewClaim(string township, string stationId, string key, PlaceOrder place, string hash, DateTimeOffset now,
        string? fence = null) => new()
    {
        Fence = fence,
        PartitionKey = township,
        RowKey = StockStore.ClaimKey(stationId, key),
        StationId = stationId,
        RequestHash = hash,
        Request = JsonSerializer.Serialize(place, Json.Options),
        OrderId = Order.NewId(stationId, now),
        PickupCode = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6"),
        StartedAt = now,
        LeasedAt = now,
    };

    /// <summary>The key's final record for a claim: in the station's partition of Orders, with the answer a replay gets.</summary>
    public static IdempotencyEntity FinalRecord(IdempotencyEntity claim, int status, string body, string contentType) => new()
    {
        PartitionKey = claim.StationId,
        RowKey = IdempotencyEntity.Row(Operation, StockStore.IdempotencyKeyOfClaim(claim)),
        StationId = claim.StationId,
        State = IdempotencyEntity.Done,
        RequestHash = claim.RequestHash,
        OrderId = claim.OrderId,
        PickupCode = claim.PickupCode,
        StartedAt = claim.StartedAt,
        LeasedAt = claim.LeasedAt,
        Attempt = claim.Attempt,
        ResponseStatus = status,
        ResponseBody = body,
        ResponseContentType = contentType,
    };

    /// <summary>The township of the first line: its reservation transaction carries the claim.</summary>
    private static string ClaimTownship(PlaceOrder place) => Listing.TownshipOf(place.Lines[0].ListingId)!;

    /// <summary>Runs a placement from its claim; <paramref name="place"/> is the claim's request when the caller has it at hand.</summary>
    private async Task<StoredResponse> ExecuteAsync(IdempotencyEntity claim, PlaceOrder? place, bool resume, string? fence, CancellationToken ct)
    {
        place ??= JsonSerializer.Deserialize<PlaceOrder>(claim.Request, Json.Options)!;
        // One reservation transaction per township, or more when its lines need more operations than one may hold.
        var groups = place.Lines.GroupBy(l => Listing.TownshipOf(l.ListingId)!).OrderBy(g => g.Key == claim.PartitionKey ? 0 : 1)
            .SelectMany(g => g.Chunk(StockStore.MaxLinesPerTransaction).Select(lines => (Key: g.Key, Lines: lines.ToList()))).ToList();
        var stopAt = claim.LeasedAt + Options.PlacementLease / 2;
        var reserved = new List<OrderLine>();
        var shortages = new List<Shortage>();
        var claimed = resume;
        try
        {
            // The claim's township first, with the claim; then the others together.
            var first = await stock.ReserveAsync(groups[0].Key, claim.OrderId, claim.StationId, groups[0].Lines, resume, resume ? null : claim, stopAt, ct);
            claimed = claimed || first.Shortages.Count == 0;
            var rest = first.Shortages.Count > 0 ? [] : await Task.WhenAll(groups.Skip(1)
                .Select(g => stock.ReserveAsync(g.Key, claim.OrderId, claim.StationId, g.Lines, resume, null, stopAt, ct)));
            foreach (var result in rest.Prepend(first)) { reserved.AddRange(result.Lines); shortages.AddRange(result.Shortages); }
        }
        catch (CommerceException)
        {
            // Busy listing or an unknown one: give everything back and free the key so the client can simply retry.
            await GiveUpAsync(claim, place, claimed, ct);
            throw;
        }

        if (shortages.Count > 0)
        {
            await GiveBackAsync(claim, place, ct);
            var problem = new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
                title = "Insufficient stock",
                status = 409,
                detail = "Some lines are short; nothing was reserved.",
                shortages,
            };
            return await CompleteAsync(claim, place, null, 409, JsonSerializer.Serialize(problem, Json.Options), "application/problem+json", null, ct);
        }

        var byListing = reserved.ToDictionary(l => l.ListingId);
        var lines = place.Lines.Select(l => byListing[l.ListingId]).ToList();
        var order = new Order(claim.OrderId, claim.StationId, OrderStatus.Confirmed, lines, lines.Sum(l => l.LineTotalFen),
            place.PaymentMethod, claim.PickupCode, claim.StartedAt, place.Recipient);
        var body = JsonSerializer.Serialize(OrderView.From(order), Json.Options);
        try
        {
            // Routing could never carry it (too heavy, or no delivery path: a station gone from the network), or storage would
            // refuse its row or its key's record: say so now, with nothing taken, rather than leave an order that cannot move.
            if (await TooHeavyAsync(lines, claim.StationId, ct) is { } tooHeavy) throw ValidationFailedException.For("lines", tooHeavy);
            if (OrderEntity.TooLarge(order, body) is { } tooLarge) throw ValidationFailedException.For("lines", tooLarge);
        }
        catch (CommerceException)
        {
            await GiveUpAsync(claim, place, claimed: true, ct);
            throw;
        }
        var response = await CompleteAsync(claim, place, order, 201, body, "application/json", fence, ct);
        logger.LogInformation("Order {OrderId} placed by {StationId}: {Lines} lines, {TotalFen} fen", order.Id, order.StationId, lines.Count, order.TotalFen);
        return response;
    }

    /// <summary>
    /// Writes the key's final record (with the order, for a 201) in one insert-only transaction: the first attempt to get
    /// there wins. An attempt that loses gets the winner's answer; unless the winner made this same order, it gives back the
    /// stock it took for its own (the winner made another order for a different request under the key, or answered
    /// "short" for this one before a takeover reserved again).
    /// </summary>
    private async Task<StoredResponse> CompleteAsync(IdempotencyEntity claim, PlaceOrder place, Order? order, int status, string body, string contentType,
        string? fence, CancellationToken ct)
    {
        var record = FinalRecord(claim, status, body, contentType);
        var committed = order is null
            ? await orders.TryAddIdempotencyAsync(record, ct)
            : await orders.TryCommitAsync(OrderEntity.From(order), insertOrder: true, record, insertRecord: true, ct, fence);
        if (committed) return new StoredResponse(status, body, contentType, false) { CommittedHere = order is not null };
        var final = await orders.FindIdempotencyAsync(record.PartitionKey, record.RowKey, ct);
        if (final is null)
        {
            // Nothing committed: the key's fence is gone (revoked meanwhile) or the transaction failed otherwise. Take nothing.
            await GiveUpAsync(claim, place, claimed: true, ct);
            throw new ConflictException("The order could not be committed; try again.", retryAfter: TimeSpan.FromSeconds(1));
        }
        // Ours lost. Unless the winner made this very order (a takeover of ours), no order with our id can ever commit now
        // (the key's record is taken, insert-only), so the stock reserved under it is nobody's: give it back, however late.
        if (order is not null && (final.OrderId != claim.OrderId || final.ResponseStatus != 201))
            await stock.ReleaseAllAsync(claim.OrderId, place.Lines.Select(l => l.ListingId), ct);
        // Someone else (a replay or the router that took over) finished it: theirs is the answer.
        return final.RequestHash == claim.RequestHash ? Replay(final) with { Replayed = false } : throw DifferentRequest();
    }

    /// <summary>
    /// Each origin station's part is one shipment; it must fit the smallest run capacity on its path. The parts that share a
    /// link (into the ordering station, say) must together fit the runs routing may book on it, even were they all empty.
    /// </summary>
    private async Task<string?> TooHeavyAsync(IReadOnlyList<OrderLine> lines, string destinationStationId, CancellationToken ct)
    {
        var net = await network.GetAsync(ct);
        var perLink = new Dictionary<Routing.Leg, long>();
        foreach (var origin in lines.GroupBy(l => l.OriginStationId))
        {
            var weight = origin.Sum(l => l.Quantity * l.UnitWeightGrams);
            var path = Routing.PathFinder.Find(net, origin.Key, destinationStationId);
            if (path.MaxShipmentGrams is { } max && weight > max)
                return $"the part from {origin.Key} weighs {weight} g; its delivery path carries at most {max} g per run.";
            foreach (var leg in path.Legs) perLink[leg with { Seq = 0 }] = perLink.GetValueOrDefault(leg with { Seq = 0 }) + weight;
        }
        foreach (var (leg, weight) in perLink)
            if (weight > leg.CapacityGrams * Routing.RunPlanner.MaxDays)
                return $"the order sends {weight} g from {leg.From} to {leg.To}; its runs carry at most {leg.CapacityGrams} g a day and routing books at most {Routing.RunPlanner.MaxDays} days ahead.";
        return null;
    }

    /// <summary>
    /// Gives back whatever stock this order holds, with a hard stop: past half its lease an attempt gives back nothing,
    /// because a replay or the router may own the placement by now and have reserved the same order's stock. It leaves
    /// the placement to them (409 in flight). Commits need no such check: the order and the key's record are inserted
    /// together, insert-only, so only one attempt commits.
    /// </summary>
    private async Task GiveBackAsync(IdempotencyEntity claim, PlaceOrder place, CancellationToken ct)
    {
        if (clock.GetUtcNow() - claim.LeasedAt >= Options.PlacementLease / 2)
        {
            logger.LogWarning("Order {OrderId}: placement ran past half its lease; leaving it to recovery", claim.OrderId);
            throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
        await stock.ReleaseAllAsync(claim.OrderId, place.Lines.Select(l => l.ListingId), ct);
    }

    /// <summary>Gives everything back and frees the key, so the client can simply send the request again.</summary>
    private async Task GiveUpAsync(IdempotencyEntity claim, PlaceOrder place, bool claimed, CancellationToken ct)
    {
        await GiveBackAsync(claim, place, ct);
        if (claimed) await stock.DeleteClaimAsync(claim, ct);
    }

    private bool IsStale(IdempotencyEntity claim) => clock.GetUtcNow() - claim.LeasedAt > Options.PlacementLease;

    private async Task<bool> TakeOverAsync(IdempotencyEntity claim, CancellationToken ct)
    {
        claim.LeasedAt = clock.GetUtcNow();
        claim.Attempt++;
        return await stock.TryReplaceClaimAsync(claim, ct);
    }

    private static StoredResponse Replay(IdempotencyEntity record) =>
        new(record.ResponseStatus, record.ResponseBody, record.ResponseContentType, true);
}
