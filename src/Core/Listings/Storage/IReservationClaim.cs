using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Listings.Storage;

/// <summary>
/// A row another feature inserts in the same transaction as one township's reservation, so that it exists exactly when the
/// stock is taken: a placement's claim on its Idempotency-Key (Orders.Storage.ClaimStore owns it; its partition is the township's).
/// </summary>
public interface IReservationClaim
{
    ITableEntity Row { get; }

    /// <summary>The township is short: throws when another attempt holds the claim, since the stock may be short because that attempt took it.</summary>
    Task CheckShortageAsync(CancellationToken ct);

    /// <summary>A row the transaction inserts exists: true when it is this claim (an earlier try's lost response), false when there is none; throws when another attempt's.</summary>
    Task<bool> ExistsAsync(CancellationToken ct);

    /// <summary>The transaction inserted the row, now at <paramref name="etag"/>.</summary>
    void Inserted(ETag etag);
}
