namespace Lianhua.Commerce.Core.Idempotency;

/// <summary>
/// A rejection kept for a key (an order short of stock, a wrong pickup code): what the client must learn, without the
/// problem detail's HTTP framing (Functions.Http.Problems adds type and status). <paramref name="Shortages"/> only for stock.
/// </summary>
public sealed record StoredRejection(string Title, string Detail, IReadOnlyList<Listings.Shortage>? Shortages = null);
