using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;
using Lianhua.Commerce.Core.Idempotency;
using Lianhua.Commerce.Core.Idempotency.Storage;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.Core.Households.Storage;

/// <summary>Table Households: one partition per county holds its households, their national IDs' blind index and the registrations' key records.</summary>
public sealed class HouseholdStore(CommerceStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Households);

    /// <summary>
    /// The household, its blind index row and the Idempotency-Key's record (if any), insert-only in one entity group
    /// transaction: false when any of them exists already, and then nothing was written.
    /// </summary>
    public async Task<bool> TryInsertAsync(string countyCode, ProtectedHousehold household, string blindIndex, IdempotencyRecord? record,
        CancellationToken ct)
    {
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, HouseholdEntity.From(countyCode, household)),
            new(TableTransactionActionType.Add, new NationalIdIndexEntity
            {
                PartitionKey = countyCode, RowKey = NationalIdIndexEntity.Row(blindIndex),
                HouseholdId = household.Household.Id, RegisteredAt = household.RegisteredAt,
            }),
        ];
        if (record is not null) batch.Add(new(TableTransactionActionType.Add, IdempotencyEntity.From(record)));
        try
        {
            await Table.SubmitTransactionAsync(batch, ct);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The id of the household that holds a national ID (by its blind index), or null.</summary>
    public async Task<string?> FindIndexOwnerAsync(string countyCode, string blindIndex, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<NationalIdIndexEntity>(countyCode, NationalIdIndexEntity.Row(blindIndex), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? e.HouseholdId : null;
    }

    /// <summary>One point read: the id names the partition and the row.</summary>
    public async Task<ProtectedHousehold?> FindAsync(string householdId, CancellationToken ct)
    {
        if (Households.HouseholdId.Parse(householdId) is not { } at) return null;
        var row = await Table.GetEntityIfExistsAsync<HouseholdEntity>(at.CountyCode, HouseholdEntity.Row(at.StationId, householdId), cancellationToken: ct);
        return row.HasValue && row.Value is { } e ? e.ToProtected() : null;
    }

    /// <summary>One page of a station's households: one partition, one RowKey range.</summary>
    public Task<ResultPage<Household>> ListAsync(string countyCode, string stationId, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var prefix = HouseholdEntity.StationPrefix(stationId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {countyCode} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        return Table.QueryPageAsync<HouseholdEntity, Household>(filter, pageSize, continuationToken, e => e.ToHousehold(), ct);
    }
}
