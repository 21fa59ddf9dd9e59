using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Idempotency.Storage;

/// <summary>
/// Idempotency records, in table Orders unless a request names another (households keep theirs in Households). A record
/// that commits with a change goes through that data's store (Orders.Storage.OrderStore, Households.Storage.HouseholdStore).
/// </summary>
public sealed class IdempotencyStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Orders);

    public async Task<IdempotencyRecord?> FindAsync(string scope, string row, CancellationToken ct, string table = TableNames.Orders)
    {
        var found = await storage.Table(table).GetEntityIfExistsAsync<IdempotencyEntity>(scope, row, cancellationToken: ct);
        return found.HasValue && found.Value is { } e ? e.ToRecord() : null;
    }

    /// <summary>Inserts the record; false when one exists already.</summary>
    public async Task<bool> TryAddAsync(IdempotencyRecord record, CancellationToken ct)
    {
        try
        {
            await Table.AddEntityAsync(IdempotencyEntity.From(record), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
