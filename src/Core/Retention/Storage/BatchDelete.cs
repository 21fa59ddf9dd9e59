using Azure;
using Azure.Data.Tables;

namespace Lianhua.Commerce.Core.Retention.Storage;

/// <summary>Deletes rows of one partition, 100 to a transaction (its limit); a row gone already is fine.</summary>
internal static class BatchDelete
{
    public static async Task<int> RunAsync(TableClient table, string partition, IEnumerable<string> rows, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var chunk in rows.Distinct().Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, r), ETag.All)), ct);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One row was gone (a parallel sweep, or a cancel's release took a reservation): the rest one by one.
                foreach (var row in chunk) await table.DeleteEntityAsync(partition, row, ETag.All, ct);
            }
            deleted += chunk.Length;
        }
        return deleted;
    }

    /// <summary>The RowKeys a filter selects, every page (a sweep, not a request: it goes to the end).</summary>
    public static async Task<List<string>> RowsAsync(TableClient table, string filter, CancellationToken ct)
    {
        var rows = new List<string>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct)) rows.Add(e.RowKey);
        return rows;
    }
}
