using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Orders.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>
/// Runs a placement from its claim: reserve the stock, check the order can be delivered and stored, commit. Every step is
/// idempotent, so a replay or the router can resume (<paramref name="resume"/>) a placement that died at any point.
/// </summary>
public sealed class PlacementExecution(PlacementReservation reservation, PlacementCommit commit, Network.NetworkService network,
    ILogger<PlacementExecution> logger)
{
    public async Task<StoredResponse> RunAsync(PlacementClaim claim, bool resume, string? fence, CancellationToken ct)
    {
        var reserved = await reservation.ReserveAsync(claim, resume, ct);
        if (reserved.Shortages.Count > 0)
            return await commit.CompleteAsync(claim, null, StoredResponse.Rejection(409,
                new StoredRejection("Insufficient stock", "Some lines are short; nothing was reserved.", reserved.Shortages)), null, ct);

        var byListing = reserved.Lines.ToDictionary(l => l.ListingId);
        var lines = claim.Request.Lines.Select(l => byListing[l.ListingId]).ToList();
        var order = Order.Place(claim.OrderId, claim.StationId, lines, claim.Request.PaymentMethod, claim.PickupCode, claim.StartedAt, claim.Request.Recipient,
            claim.Key);
        var response = StoredResponse.Success(201, OrderView.From(order));
        try
        {
            // Routing could never carry it (too heavy, or no delivery path: a station gone from the network), or storage would
            // refuse its row or its key's record: say so now, with nothing taken, rather than leave an order that cannot move.
            if (await TooHeavyAsync(lines, claim.StationId, ct) is { } tooHeavy) throw ValidationFailedException.For("lines", tooHeavy);
            if (OrderEntity.TooLarge(order, response.Body) is { } tooLarge) throw ValidationFailedException.For("lines", tooLarge);
        }
        catch (CommerceException)
        {
            await reservation.ReleaseStockAndFreeKeyAsync(claim, claimed: true, ct);
            throw;
        }
        var answer = await commit.CompleteAsync(claim, order, response, fence, ct);
        logger.LogInformation("Order {OrderId} placed by {StationId}: {Lines} lines, {TotalFen} fen", order.Id, order.StationId, lines.Count, order.TotalFen);
        return answer;
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
}
