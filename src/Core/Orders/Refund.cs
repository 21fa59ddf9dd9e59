namespace Lianhua.Commerce.Core.Orders;

/// <summary>Money given back for delivered units of an order: reverses their household attribution on the day it happens.</summary>
public sealed record Refund(string Id, IReadOnlyList<RefundLine> Lines, long AmountFen, string Reason, DateTimeOffset At);
