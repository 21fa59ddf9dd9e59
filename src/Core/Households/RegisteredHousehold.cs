using Lianhua.Commerce.Core.Idempotency;

namespace Lianhua.Commerce.Core.Households;

/// <summary>A registration's answer (kept for its Idempotency-Key, if it had one) and the household it is about.</summary>
public sealed record RegisteredHousehold(Household Household, StoredResponse Response);
