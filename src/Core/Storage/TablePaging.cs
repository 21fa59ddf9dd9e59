using Azure;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Common;

namespace Lianhua.Commerce.Core.Storage;

public static class TablePaging
{
    /// <summary>
    /// Most storage queries one page costs. Azure returns an empty page with a token after scanning 1,000 rows (or 5 s)
    /// without a match, so a filtered listing over a partition full of other rows could cost any key many calls per
    /// request; past this bound the client gets the items found so far (maybe none) and a token to go on.
    /// </summary>
    public const int MaxQueriesPerPage = 3;

    /// <summary>
    /// One page for a client. An empty page that still has a token is skipped (Azure returns those), at most
    /// <see cref="MaxQueriesPerPage"/> queries in all; a token the service hands back unchanged ends the listing (Azurite#1554).
    /// </summary>
    public static async Task<ResultPage<TOut>> QueryPageAsync<TEntity, TOut>(this TableClient table, string filter, int pageSize,
        string? continuationToken, Func<TEntity, TOut> map, CancellationToken ct) where TEntity : class, ITableEntity
    {
        var token = ContinuationTokens.Decode(continuationToken);
        for (var query = 0; query < MaxQueriesPerPage; query++)
        {
            Page<TEntity>? page = null;
            await foreach (var p in table.QueryAsync<TEntity>(filter, pageSize, cancellationToken: ct).AsPages(token, pageSize)) { page = p; break; }
            if (page is null) return new([], null);
            var next = page.ContinuationToken == token ? null : page.ContinuationToken;
            if (page.Values.Count > 0 || next is null) return new(page.Values.Select(map).ToList(), ContinuationTokens.Encode(next));
            token = next;
        }
        return new([], ContinuationTokens.Encode(token));
    }
}
