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
/// Places an order crash-safely: (1) claim the Idempotency-Key with a pending record that holds the request,
/// (2) send orders-placed (hidden briefly) so recovery is driven even if this process dies, (3) reserve stock per
/// township, all or nothing, (4) commit the order and the record's response in one transaction.
/// Every step is idempotent, so a replay or the router can resume a placement that died at any point.
/// </summary>
public sealed class PlacementService(OrderStore orders, StockStore stock, OrdersPlacedQueue queue, Foreground foreground, Network.NetworkService network,
    IOptions<OrderOptions> options, TimeProvider clock, ILogger<PlacementService> logger)
{
    public const string Operation = "place";
    private OrderOptions Options => options.Value;

    public async Task<StoredResponse> PlaceAsync(Caller caller, string? idempotencyKey, OrderRequest? request, CancellationToken ct)
    {
        var stationId = caller.RequireStation();
        var key = IdempotencyKey.Require(idempotencyKey);
        var place = PlaceOrder.From(request);
        using var running = foreground.Enter();
        var hash = place.Hash();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var record = new IdempotencyEntity
            {
                PartitionKey = stationId,
                RowKey = IdempotencyEntity.Row(Operation, key),
                RequestHash = hash,
                Request = JsonSerializer.Serialize(place, Json.Options),
                OrderId = Order.NewId(stationId, now),
                PickupCode = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6"),
                StartedAt = now,
                LeasedAt = now,
            };
            if (await orders.TryAddIdempotencyAsync(record, ct))
            {
                await queue.SendPlacedAsync(new OrderPlacedMessage(record.OrderId, stationId, key), ct);
                return await ExecuteAsync(record, resume: false, ct);
            }
            if (await AwaitExistingAsync(stationId, key, hash, ct) is { } existing) return existing;
        }
        throw new ConflictException("This Idempotency-Key is busy; try again.", retryAfter: TimeSpan.FromSeconds(1));
    }

    /// <summary>Called by the router for a placement it finds unfinished: takes it over once its lease ran out.</summary>
    public async Task<bool> RecoverAsync(string stationId, string key, CancellationToken ct)
    {
        var record = await orders.FindIdempotencyAsync(stationId, IdempotencyEntity.Row(Operation, key), ct);
        if (record is null || record.State == IdempotencyEntity.Done) return true;
        if (!IsStale(record) || !await TakeOverAsync(record, ct)) return false;
        await ExecuteAsync(record, resume: true, ct);
        return true;
    }

    private async Task<StoredResponse?> AwaitExistingAsync(string stationId, string key, string hash, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + Options.InFlightWait;
        while (true)
        {
            var record = await orders.FindIdempotencyAsync(stationId, IdempotencyEntity.Row(Operation, key), ct);
            if (record is null) return null; // the first attempt gave up and freed the key: claim it again
            if (record.RequestHash != hash)
                throw new UnprocessableException("This Idempotency-Key was used for a different request.");
            if (record.State == IdempotencyEntity.Done) return Replay(record);
            if (IsStale(record) && await TakeOverAsync(record, ct))
            {
                logger.LogWarning("Order {OrderId}: taking over an abandoned placement (attempt {Attempt})", record.OrderId, record.Attempt);
                await queue.SendPlacedAsync(new OrderPlacedMessage(record.OrderId, stationId, key), ct);
                return (await ExecuteAsync(record, resume: true, ct)) with { Replayed = true };
            }
            if (clock.GetUtcNow() >= deadline)
                throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(150), clock, ct);
        }
    }

    private async Task<StoredResponse> ExecuteAsync(IdempotencyEntity record, bool resume, CancellationToken ct)
    {
        var place = JsonSerializer.Deserialize<PlaceOrder>(record.Request, Json.Options)!;
        var groups = place.Lines.GroupBy(l => Listing.TownshipOf(l.ListingId)!).ToList();
        var reserved = new List<OrderLine>();
        var shortages = new List<Shortage>();
        try
        {
            var results = await Task.WhenAll(groups.Select(g => stock.ReserveAsync(g.Key, record.OrderId, record.PartitionKey, g.ToList(), resume, ct)));
            foreach (var result in results) { reserved.AddRange(result.Lines); shortages.AddRange(result.Shortages); }
        }
        catch (CommerceException)
        {
            // Busy listing or an unknown one: give everything back and free the key so the client can simply retry.
            await GiveBackAsync(record, place, ct);
            await orders.DeleteIdempotencyAsync(record, ct);
            throw;
        }

        if (shortages.Count > 0)
        {
            await GiveBackAsync(record, place, ct);
            var problem = new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
                title = "Insufficient stock",
                status = 409,
                detail = "Some lines are short; nothing was reserved.",
                shortages,
            };
            return await CompleteAsync(record, null, 409, JsonSerializer.Serialize(problem, Json.Options), "application/problem+json", ct);
        }

        if (await TooHeavyAsync(reserved, record.PartitionKey, ct) is { } tooHeavy)
        {
            // Routing could never carry it: say so now rather than leave an order that cannot move.
            await GiveBackAsync(record, place, ct);
            await orders.DeleteIdempotencyAsync(record, ct);
            throw ValidationFailedException.For("lines", tooHeavy);
        }

        var byListing = reserved.ToDictionary(l => l.ListingId);
        var lines = place.Lines.Select(l => byListing[l.ListingId]).ToList();
        var order = new Order(record.OrderId, record.PartitionKey, OrderStatus.Confirmed, lines, lines.Sum(l => l.LineTotalFen),
            place.PaymentMethod, record.PickupCode, record.StartedAt, place.Recipient);
        var response = await CompleteAsync(record, order, 201, JsonSerializer.Serialize(OrderView.From(order), Json.Options), "application/json", ct);
        logger.LogInformation("Order {OrderId} placed by {StationId}: {Lines} lines, {TotalFen} fen", order.Id, order.StationId, lines.Count, order.TotalFen);
        return response;
    }

    private async Task<StoredResponse> CompleteAsync(IdempotencyEntity record, Order? order, int status, string body, string contentType, CancellationToken ct)
    {
        record.State = IdempotencyEntity.Done;
        record.ResponseStatus = status;
        record.ResponseBody = body;
        record.ResponseContentType = contentType;
        var committed = order is null
            ? await orders.TryReplaceIdempotencyAsync(record, ct)
            : await orders.TryCommitAsync(OrderEntity.From(order), insertOrder: true, record, insertRecord: false, ct);
        if (committed) return new StoredResponse(status, body, contentType, false);
        // Someone else (a replay or the router that took over) finished it: theirs is the answer.
        var final = await orders.FindIdempotencyAsync(record.PartitionKey, record.RowKey, ct);
        return final?.State == IdempotencyEntity.Done
            ? Replay(final) with { Replayed = false }
            : throw new ConflictException("This order is being finished by another attempt; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
    }

    /// <summary>Each origin station's part is one shipment; it must fit the smallest run capacity on its path.</summary>
    private async Task<string?> TooHeavyAsync(IReadOnlyList<OrderLine> lines, string destinationStationId, CancellationToken ct)
    {
        var net = await network.GetAsync(ct);
        foreach (var origin in lines.GroupBy(l => l.OriginStationId))
        {
            var weight = origin.Sum(l => l.Quantity * l.UnitWeightGrams);
            if (Routing.PathFinder.Find(net, origin.Key, destinationStationId).MaxShipmentGrams is { } max && weight > max)
                return $"the part from {origin.Key} weighs {weight} g; its delivery path carries at most {max} g per run.";
        }
        return null;
    }

    /// <summary>
    /// Gives back whatever stock this order holds, with a hard stop: past half its lease an attempt gives back nothing,
    /// because a replay or the router may own the placement by now and have reserved the same order's stock. It leaves
    /// the placement to them (409 in flight). Commits need no such check: they are conditional on the record's ETag,
    /// which a takeover changes.
    /// </summary>
    private async Task GiveBackAsync(IdempotencyEntity record, PlaceOrder place, CancellationToken ct)
    {
        if (clock.GetUtcNow() - record.LeasedAt >= Options.PlacementLease / 2)
        {
            logger.LogWarning("Order {OrderId}: placement ran past half its lease; leaving it to recovery", record.OrderId);
            throw new ConflictException("A request with this Idempotency-Key is still in flight; try again shortly.", retryAfter: TimeSpan.FromSeconds(1));
        }
        await stock.ReleaseAllAsync(record.OrderId, place.Lines.Select(l => l.ListingId), ct);
    }

    private bool IsStale(IdempotencyEntity record) => clock.GetUtcNow() - record.LeasedAt > Options.PlacementLease;

    private async Task<bool> TakeOverAsync(IdempotencyEntity record, CancellationToken ct)
    {
        record.LeasedAt = clock.GetUtcNow();
        record.Attempt++;
        return await orders.TryReplaceIdempotencyAsync(record, ct);
    }

    private static StoredResponse Replay(IdempotencyEntity record) =>
        new(record.ResponseStatus, record.ResponseBody, record.ResponseContentType, true);
}
