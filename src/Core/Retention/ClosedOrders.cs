using Lianhua.Commerce.Core.Listings;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Retention.Storage;
using Microsoft.Extensions.Logging;

namespace Lianhua.Commerce.Core.Retention;

/// <summary>
/// Removes what a closed order left in the listings' partitions, off the placement's path: a delivered order's reservation
/// rows (the stock is sold; only a cancel's release ever needs them) and its placement claim (its key's final record answers
/// every replay now), a cancelled order's claim (its release deletes the reservations, with the stock going back, and must
/// still find them). Then the order waits for its recipient's erasure (<see cref="ErasureDueEntity"/>). Without this, a
/// county-wide browse reads every reservation and claim ever made, in empty pages.
/// </summary>
public sealed class ClosedOrders(NetworkService network, ClosedOrderStore store, OrderStore orders, TimeProvider clock, ILogger<ClosedOrders> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var net = await network.GetAsync(ct);
        var done = 0;
        foreach (var station in net.Document.Stations)
            foreach (var orderId in await store.ClosedAsync(station.Id, ct))
                if (await CleanUpAsync(station.Id, orderId, ct)) done++;
        logger.LogInformation("Closed orders: the leftovers of {Orders} orders removed", done);
        return done;
    }

    private async Task<bool> CleanUpAsync(string stationId, string orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        if (order is not null && order.Status is not (OrderStatus.Delivered or OrderStatus.Cancelled)) return false; // not closed: never written so
        if (order is not null)
        {
            var reservations = order.Status == OrderStatus.Delivered ? order.Lines.Select(l => l.ListingId).ToList() : [];
            var claimTownship = Listing.TownshipOf(order.Lines[0].ListingId)!;
            var claimRow = order.PlacementKey is { } key ? ClaimEntity.Row(stationId, key) : null;
            foreach (var township in reservations.Select(l => Listing.TownshipOf(l)!).Append(claimTownship).Distinct())
                await store.RemoveLeftoversAsync(township, orderId, reservations.Where(l => Listing.TownshipOf(l) == township),
                    township == claimTownship ? claimRow : null, ct);
        }
        await store.MoveToErasureAsync(stationId, orderId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        return true;
    }
}
