using Lianhua.Commerce.Core.Orders;
using Lianhua.Commerce.Core.Routing;

namespace Lianhua.Commerce.Core.Attribution;

/// <summary>
/// What a delivered shipment or a refund posts to the ledger, from the order alone: each line's amount split among the
/// producers the order kept (<see cref="ShareSplit"/>), dated by the pickup event or the refund, never by when it is written.
/// </summary>
public static class LedgerPostings
{
    /// <summary>The households whose profiles the posting copies.</summary>
    public static IReadOnlyList<string> HouseholdsOf(Order order, LedgerWork work) =>
        LinesOf(order, work).SelectMany(l => l.Line.ProducersOrNone).Select(p => p.HouseholdId).Distinct().ToList();

    public static LedgerPosting For(Order order, LedgerWork work, IReadOnlyDictionary<string, HouseholdProfile> households)
    {
        var (at, completes) = work.Kind == LedgerWork.Delivery ? Delivered(order, work.Id) : (RefundOf(order, work.Id).At, false);
        var day = BusinessDay.Of(at);
        var kind = work.Kind == LedgerWork.Delivery ? LedgerEntry.Sale : LedgerEntry.Reversal;
        var lines = new List<DailyLedgerLine>();
        var entries = new List<LedgerEntry>();
        foreach (var (line, quantity, amount) in LinesOf(order, work))
        {
            var split = ShareSplit.Of(amount, line.ProducersOrNone);
            lines.Add(new DailyLedgerLine(line.ListingId, line.TownshipCode, line.Category, quantity, amount, split.Households, split.RestFen));
            foreach (var part in split.Households.Where(h => h.AmountFen > 0))
            {
                var household = households.GetValueOrDefault(part.HouseholdId)
                    ?? throw new UnattributableException($"household {part.HouseholdId}, a producer of listing {line.ListingId}, is not registered.");
                entries.Add(new LedgerEntry(part.HouseholdId, kind, order.Id, work.Id, line.ListingId, part.AmountFen, at, day,
                    household.TownshipCode, household.Village, household.PairedUnit, line.Category, line.TownshipCode));
            }
        }
        var orderLines = completes ? order.Lines.Select(l => new CompletedOrderLine(l.TownshipCode, l.Category, l.Quantity, l.LineTotalFen)).ToList() : null;
        return new LedgerPosting(work.Kind, order.Id, work.Id, at, day, completes, completes ? order.TotalFen : 0, lines, entries, orderLines);
    }

    /// <summary>The order lines the work covers, with the quantity and amount it posts for each.</summary>
    private static IEnumerable<(OrderLine Line, long Quantity, long AmountFen)> LinesOf(Order order, LedgerWork work)
    {
        if (work.Kind == LedgerWork.Refund)
            return RefundOf(order, work.Id).Lines.Select(r => (LineOf(order, r.ListingId), r.Quantity, r.AmountFen));
        var shipment = ShipmentOf(order, work.Id);
        return shipment.Lines.Select(s => LineOf(order, s.ListingId)).Select(l => (l, l.Quantity, l.LineTotalFen));
    }

    /// <summary>When the shipment was picked up, and whether that pickup completed the order (its last shipment's, ties to the last id).</summary>
    private static (DateTimeOffset At, bool CompletesOrder) Delivered(Order order, string shipmentId)
    {
        var shipment = ShipmentOf(order, shipmentId);
        if (shipment.Status != ShipmentStatus.Delivered) throw new UnattributableException($"shipment {shipmentId} is {shipment.Status}, not delivered.");
        var last = order.Status != OrderStatus.Delivered ? null : order.Shipments.Where(s => s.Status == ShipmentStatus.Delivered)
            .OrderBy(PickedUpAt).ThenBy(s => s.Id, StringComparer.Ordinal).Last();
        return (PickedUpAt(shipment), last?.Id == shipmentId);
    }

    private static DateTimeOffset PickedUpAt(Shipment s) => s.Events.Last(e => e.Event == ScanEvent.Pickup).At;

    private static Shipment ShipmentOf(Order order, string shipmentId) =>
        order.FindShipment(shipmentId) ?? throw new UnattributableException($"order {order.Id} has no shipment {shipmentId}.");

    private static Refund RefundOf(Order order, string refundId) =>
        order.Refunds.FirstOrDefault(r => r.Id == refundId) ?? throw new UnattributableException($"order {order.Id} has no refund {refundId}.");

    private static OrderLine LineOf(Order order, string listingId) =>
        order.Lines.FirstOrDefault(l => l.ListingId == listingId) ?? throw new UnattributableException($"order {order.Id} has no line of listing {listingId}.");
}
