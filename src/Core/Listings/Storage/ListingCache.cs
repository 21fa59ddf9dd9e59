using System.Collections.Concurrent;

namespace Lianhua.Commerce.Core.Listings.Storage;

/// <summary>
/// The listings this instance read or wrote last, with their ETags, so a reservation can skip the read. Safe by
/// construction: stock is taken only by a transaction conditional on the copy's ETag, so a stale copy fails with 412,
/// is forgotten, and the retry reads afresh. A copy can cost one failed transaction, never a wrong reservation.
/// </summary>
public sealed class ListingCache
{
    /// <summary>About 1 KiB a listing: a county's listings fit many times over. Full means start again, not an eviction policy.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<(string Township, string Id), ListingEntity> copies = new();

    public ListingEntity? Find(string township, string listingId) =>
        copies.TryGetValue((township, listingId), out var copy) ? copy.Copy() : null;

    public void Remember(ListingEntity listing)
    {
        if (copies.Count >= Capacity) copies.Clear();
        copies[(listing.PartitionKey, listing.RowKey)] = listing.Copy();
    }

    public void Forget(string township, string listingId) => copies.TryRemove((township, listingId), out _);
}
