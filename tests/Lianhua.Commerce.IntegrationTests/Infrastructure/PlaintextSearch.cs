using System.Text;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>Searches everything a test's storage holds (every entity of every table, every queue message) for texts that must not be there.</summary>
public static class PlaintextSearch
{
    /// <summary>Where any of <paramref name="secrets"/> occurs, as "table/PartitionKey/RowKey.Property" or "queue name"; empty when nowhere.</summary>
    public static async Task<List<string>> FindAsync(CommerceStorage storage, IReadOnlyCollection<string> secrets)
    {
        var found = new List<string>();
        void Check(string where, string? text)
        {
            if (text is null) return;
            foreach (var secret in secrets.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase))) found.Add($"{where} holds '{secret}'");
        }
        await foreach (var table in storage.Tables.QueryAsync())
            if (table.Name.StartsWith(storage.Prefix, StringComparison.Ordinal))
                await foreach (var entity in storage.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    var where = $"{table.Name}/{entity.PartitionKey}/{entity.RowKey}";
                    Check(where + " (keys)", entity.PartitionKey + " " + entity.RowKey);
                    foreach (var (name, value) in entity)
                        Check($"{where}.{name}", value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), BinaryData data => data.ToString(), _ => value?.ToString() });
                }
        foreach (var queue in QueueNames.All.SelectMany(q => new[] { q, q + "-poison" }))
            foreach (var message in (await storage.Queue(queue).PeekMessagesAsync(32)).Value)
                Check($"queue {queue}", Decoded(message.Body.ToString()));
        return found;
    }

    // Messages are base64 (host.json); one that is not is searched as it is.
    private static string Decoded(string body)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(body)); }
        catch (FormatException) { return body; }
    }
}
