using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Network;
using Lianhua.Commerce.Core.Orders.Storage;
using Lianhua.Commerce.Core.Routing.Storage;
using Lianhua.Commerce.Core.Security;

namespace Lianhua.Commerce.Core.Routing;

/// <summary>Where an order's shipments are, and a node's loading list.</summary>
public sealed class TrackingService(OrderStore orders, RunStore runs, NetworkService network)
{
    public async Task<TrackingView> TrackingAsync(Caller caller, string orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        if (order is null || !(caller.IsCounty || caller.IsStation(order.StationId))) throw new NotFoundException("Order");
        return new TrackingView(order.Id, order.Status, order.Shipments.Select(ShipmentView.From).ToList());
    }

    /// <summary>
    /// A node's loading list: runs of the day leaving it and arriving at it, ordered by from and to, a page at a time. The
    /// token is the last run's (from, to); the next page reads only the partitions from that run's on.
    /// </summary>
    public async Task<ResultPage<RunView>> RunsAsync(Caller caller, string? nodeId, string? date, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var v = new Validator();
        var net = await network.GetAsync(ct);
        if (nodeId is null || !net.IsNode(nodeId)) v.Add("nodeId", "must be a hub or station of the network.");
        if (!BusinessDay.TryParse(date, out var day)) v.Add("date", "must be a date yyyy-MM-dd.");
        var after = RunPageToken.Decode(continuationToken);
        v.ThrowIfInvalid();
        if (!caller.IsCounty && caller.NodeId != nodeId) throw new NotFoundException("Node");
        var neighbours = net.Document.Links.Where(l => l.From == nodeId || l.To == nodeId).Select(l => l.From == nodeId ? l.To : l.From).Distinct();
        var sources = neighbours.Select(n => (From: n, To: (string?)nodeId)).Append((nodeId!, null))
            .Where(s => after is null || string.CompareOrdinal(s.From, after.Value.From) >= 0);
        var lists = await Task.WhenAll(sources.Select(s => runs.DayAsync(s.From, day, s.To, ct)));
        var items = lists.SelectMany(l => l).Where(r => after is null || RunPageToken.IsAfter(r, after.Value))
            .OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var page = items.Take(pageSize).ToList();
        return new(page, items.Count > pageSize ? RunPageToken.Encode(page[^1]) : null);
    }
}
