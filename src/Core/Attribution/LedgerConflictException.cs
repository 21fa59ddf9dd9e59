namespace Lianhua.Commerce.Core.Attribution;

/// <summary>Rows of a posting exist with other values: a bug or tampering, never mended by retrying; the county must look.</summary>
public sealed class LedgerConflictException(string detail) : Exception($"Ledger conflict: {detail}");
