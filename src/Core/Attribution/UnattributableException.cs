namespace Lianhua.Commerce.Core.Attribution;

/// <summary>Ledger work that cannot be written as things stand (its reason is shown in GET /api/attention); retried by reconciliation.</summary>
public sealed class UnattributableException(string reason) : Exception(reason);
