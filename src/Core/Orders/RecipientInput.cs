namespace Lianhua.Commerce.Core.Orders;

public sealed record RecipientInput(string? Name, string? Phone);
