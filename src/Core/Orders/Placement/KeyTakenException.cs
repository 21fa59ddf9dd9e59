namespace Lianhua.Commerce.Core.Orders.Placement;

/// <summary>The Idempotency-Key is claimed by another attempt of the request (or another request): nothing was taken.</summary>
public sealed class KeyTakenException() : Exception("The Idempotency-Key is claimed by another attempt.");
