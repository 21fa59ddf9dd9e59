using System.Globalization;

namespace Lianhua.Commerce.Core.Orders;

/// <summary>The order as the contract shows it.</summary>
public sealed record OrderView(string Id, string StationId, string Status, IReadOnlyList<OrderLineView> Lines, long TotalFen,
    string PaymentMethod, string PickupCode, string CreatedAt)
{
    public static OrderView From(Order o) => new(o.Id, o.StationId, o.Status,
        o.Lines.Select(l => new OrderLineView(l.ListingId, l.Title, l.Quantity, l.UnitPriceFen, l.LineTotalFen)).ToList(),
        o.TotalFen, o.PaymentMethod, o.PickupCode, Instant(o.CreatedAt));

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
