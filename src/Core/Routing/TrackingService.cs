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

    /// <summary>A node's loading list: runs of the day leaving it and arriving at it.</summary>
    public async Task<IReadOnlyList<RunView>> RunsAsync(Caller caller, string? nodeId, string? date, CancellationToken ct)
    {
        var v = new Validator();
        var net = await network.GetAsync(ct);
        if (nodeId is null || !net.IsNode(nodeId)) v.Add("nodeId", "must be a hub or station of the network.");
        if (!BusinessDay.TryParse(date, out var day)) v.Add("date", "must be a date yyyy-MM-dd.");
        v.ThrowIfInvalid();
        if (!caller.IsCounty && caller.NodeId != nodeId) throw new NotFoundException("Node");
        var neighbours = net.Document.Links.Where(l => l.From == nodeId || l.To == nodeId).Select(l => l.From == nodeId ? l.To : l.From).Distinct();
        var lists = await Task.WhenAll(neighbours.Select(n => runs.DayAsync(n, day, nodeId, ct)).Append(runs.DayAsync(nodeId!, day, null, ct)));
        return lists.SelectMany(l => l).OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal).ToList();
    }
}
