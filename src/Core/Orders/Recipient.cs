namespace Lianhua.Commerce.Core.Orders;

/// <summary>Who collects the order at the station: personal data, kept only on the order itself and never shown by the API.</summary>
public sealed record Recipient(string Name, string Phone);
