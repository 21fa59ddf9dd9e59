namespace Lianhua.Commerce.Core.Orders;

public sealed record CancelRequest(string? Reason);
