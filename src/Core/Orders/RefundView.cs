namespace Lianhua.Commerce.Core.Orders;

/// <summary>The contract's answer to a refund.</summary>
public sealed record RefundView(string RefundId, long AmountFen);
