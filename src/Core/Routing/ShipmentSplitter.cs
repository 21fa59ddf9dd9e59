using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Routing;

public static class ShipmentSplitter
{
    /// <summary>
    /// One shipment per origin station. Ids are <c>{orderId}-{nn}</c>, nn counting origin stations in
    /// ordinal order from 01: the same order always gives the same ids, so a redelivered
    /// <c>orders-placed</c> message finds its shipments instead of making new ones.
    /// </summary>
    /// <exception cref="ValidationFailedException">a line or id is invalid, or an id would exceed 64 characters.</exception>
    public static IReadOnlyList<ShipmentDraft> Split(string orderId, IReadOnlyList<OrderLineToShip> lines, string destinationStationId)
    {
        var v = new Validator();
        if (!Ids.IsSafe(orderId)) v.Add("orderId", "must be 1–64 characters of A–Z a–z 0–9 - _.");
        if (!Ids.IsSafe(destinationStationId)) v.Add("destinationStationId", "must be a station id.");
        if (lines is null || lines.Count == 0) v.Add("lines", "an order needs at least one line.");
        for (var i = 0; i < (lines?.Count ?? 0); i++)
        {
            var l = lines![i];
            if (l is null) { v.Add($"lines[{i}]", "is required."); continue; }
            if (string.IsNullOrEmpty(l.ListingId)) v.Add($"lines[{i}].listingId", "is required.");
            if (!Ids.IsSafe(l.OriginStationId)) v.Add($"lines[{i}].originStationId", "must be a station id.");
            if (l.Quantity < 1) v.Add($"lines[{i}].quantity", "must be at least 1.");
            if (l.UnitWeightGrams < 1) v.Add($"lines[{i}].unitWeightGrams", "must be at least 1.");
        }
        v.ThrowIfInvalid();

        var groups = lines!.GroupBy(l => l.OriginStationId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var drafts = new List<ShipmentDraft>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var id = $"{orderId}-{i + 1:D2}";
            if (!Ids.IsSafe(id)) throw ValidationFailedException.For("orderId", $"is too long to derive shipment id '{id}' (at most 64 characters).");
            // checked: quantity × unit weight is user data; an overflow must fail, not wrap to a small weight.
            var shipmentLines = groups[i].Select(l => new ShipmentLine(l.ListingId, l.Quantity, checked(l.Quantity * l.UnitWeightGrams))).ToList();
            var weight = shipmentLines.Aggregate(0L, (sum, l) => checked(sum + l.WeightGrams));
            drafts.Add(new ShipmentDraft(id, orderId, groups[i].Key, destinationStationId, weight, shipmentLines));
        }
        return drafts;
    }
}
