using System.Net;

namespace Lianhua.Commerce.IntegrationTests.Infrastructure;

/// <summary>The one way tests get API keys: the county issues a station, hub or county key (and the answer must be 201).</summary>
public static class Keys
{
    /// <summary>The role of a node's key: "station" for a station ("st-…"), else "hub".</summary>
    public static string RoleOf(string nodeId) => nodeId.StartsWith("st-", StringComparison.Ordinal) ? "station" : "hub";

    /// <summary>
    /// A new key of the station or hub <paramref name="nodeId"/>, issued by <paramref name="county"/>: the key itself, its
    /// id (to revoke it) and a client that sends it.
    /// </summary>
    public static Task<(string Key, string KeyId, Api Api)> Issue(Api county, string nodeId) => Issue(county, RoleOf(nodeId), nodeId);

    /// <summary>A new key of this role and scope (a county key has none), issued by <paramref name="county"/>.</summary>
    public static async Task<(string Key, string KeyId, Api Api)> Issue(Api county, string role, string? scopeId)
    {
        var issued = await county.Post("keys", new { role, scopeId });
        Assert.True(issued.Status == HttpStatusCode.Created, issued.ToString());
        var key = issued.Json["key"]!.GetValue<string>();
        return (key, issued.Json["keyId"]!.GetValue<string>(), county.WithKey(key));
    }

    /// <summary>A client of the host with a new key of the station or hub <paramref name="nodeId"/>.</summary>
    public static async Task<Api> Of(LocalHostFixture host, string nodeId) => (await Issue(host.County(), nodeId)).Api;
}
