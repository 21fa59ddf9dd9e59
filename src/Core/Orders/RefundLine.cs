namespace Lianhua.Commerce.Core.Orders;

public sealed record RefundLine(string ListingId, long Quantity, long AmountFen);
