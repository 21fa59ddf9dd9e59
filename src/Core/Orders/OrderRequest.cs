namespace Lianhua.Commerce.Core.Orders;

/// <summary>POST /api/orders as sent; <see cref="PlaceOrder.From"/> checks it.</summary>
public sealed record OrderRequest(IReadOnlyList<OrderLineInput?>? Lines, RecipientInput? Recipient, string? PaymentMethod);
