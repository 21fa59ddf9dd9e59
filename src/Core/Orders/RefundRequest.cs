namespace Lianhua.Commerce.Core.Orders;

/// <summary>POST /api/orders/{id}/refunds as sent.</summary>
public sealed record RefundRequest(IReadOnlyList<OrderLineInput?>? Lines, string? Reason);
