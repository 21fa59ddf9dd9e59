using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>
/// The HTTP layer under requests a client library would not make: repeated headers, odd paths, empty query values.
/// Every one answers a problem detail (or the documented answer) and changes nothing.
/// </summary>
public sealed class HttpLayerTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Station = "st-360321102-04";
    private static readonly HttpClient Http = new();

    /// <summary>Each header line as sent, twice if listed twice (HttpClient would merge them into one line).</summary>
    [Theory]
    [InlineData("county-first")]
    [InlineData("county-second")]
    public async Task TwoApiKeyHeaders_Are401_AndCreateNothing(string order)
    {
        var station = await NewStationKey();
        string[] keys = order == "county-first" ? [host.CountyKey, station] : [station, host.CountyKey];
        var response = await RawAsync("POST", "keys", """{"role":"county"}""",
            keys.Select(k => ("X-Api-Key", k)).Append(("Content-Type", "application/json")));
        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(401, response.Json!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task TwoIdempotencyKeyHeaders_Are400_AndReserveNothing()
    {
        var seller = await NewStationKey();
        var listing = await TestData.CreateListing(host.Client(seller), Bodies.Listing(stock: 5));
        var buyer = await NewStationKey(TestData.StationB);
        var body = Bodies.OrderJson($$"""[{"listingId":"{{listing["id"]}}","quantity":2}]""");
        var response = await RawAsync("POST", "orders", body,
            [("X-Api-Key", buyer), ("Idempotency-Key", "two-keys-1"), ("Idempotency-Key", "two-keys-2"), ("Content-Type", "application/json")]);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.NotNull(response.Json!["errors"]!["Idempotency-Key"]);
        var read = await host.County().Get($"listings/{listing["id"]}");
        Assert.Equal(5, read.Json["stock"]!.GetValue<long>());
        // Neither key was taken: each alone places the order once.
        var placed = await host.Client(buyer).SendRaw(HttpMethod.Post, "orders", body, Headers.Idempotency("two-keys-1"));
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        Assert.Null(placed.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task TwoIfMatchHeaders_Are412_AndChangeNothing()
    {
        var seller = host.Client(await NewStationKey());
        var created = await seller.Post("listings", Bodies.Listing(priceFen: 1000));
        var etag = created.Header("ETag")!;
        var response = await RawAsync("PATCH", $"listings/{created.Json["id"]}", """{"priceFen":1}""",
            [("X-Api-Key", host.CountyKey), ("If-Match", etag), ("If-Match", "\"someone-else\""), ("Content-Type", "application/json")]);
        Assert.Equal(412, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(1000, (await seller.Get($"listings/{created.Json["id"]}")).Json["priceFen"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("POST", "openapi.json")]
    [InlineData("DELETE", "openapi.json")]
    [InlineData("GET", "openapi.yaml")]
    [InlineData("GET", "listings.json")]
    [InlineData("POST", "orders.json")]
    [InlineData("GET", "nothing-here")]
    public async Task UnknownRoutes_AnswerA404Problem_EvenWhenThePathLooksLikeAFile(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(host.BaseAddress, path));
        request.Headers.Add("X-Api-Key", host.CountyKey);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task EmptyQueryParameters_CountAsNotSent()
    {
        var seller = host.Client(await NewStationKey());
        var listing = await TestData.CreateListing(seller);
        // The contract's own template, every parameter left empty: all listings, not those of township "".
        var all = await seller.Get("listings?townshipCode=&category=&stationId=&pageSize=&continuationToken=");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Contains(all.Json["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == listing["id"]!.GetValue<string>());
        var mine = await seller.Get($"listings?townshipCode=&category=&stationId={Station}");
        Assert.Contains(mine.Json["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == listing["id"]!.GetValue<string>());

        var orders = await host.County().Get($"stations/{Station}/orders?status=&pageSize=&continuationToken=");
        Assert.Equal(HttpStatusCode.OK, orders.Status);

        var runs = await host.County().Get("runs?nodeId=&date=");
        Assert.Equal(HttpStatusCode.BadRequest, runs.Status);
        Assert.NotNull(runs.Json["errors"]!["nodeId"]);
        Assert.NotNull(runs.Json["errors"]!["date"]);
    }

    private async Task<string> NewStationKey(string station = Station) => (await Keys.Issue(host.County(), station)).Key;

    private sealed record RawResponse(int Status, string? ContentType, string Body)
    {
        public JsonNode? Json => Body.Length > 0 ? JsonNode.Parse(Body) : null;
    }

    /// <summary>One HTTP/1.1 request written by hand on a socket: every header line exactly as given.</summary>
    private async Task<RawResponse> RawAsync(string method, string path, string? body, IEnumerable<(string Name, string Value)> headers)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder($"{method} {host.BaseAddress.AbsolutePath}{path} HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers) head.Append($"{name}: {value}\r\n");
        if (body is not null) head.Append($"Content-Length: {bytes.Length}\r\n");
        head.Append("\r\n");
        using var client = new TcpClient();
        await client.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()).Concat(bytes).ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = raw[..split].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var fields = lines.Skip(1).Select(l => l.Split(':', 2)).ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var content = raw[(split + 4)..];
        if (fields["Transfer-Encoding"].Contains("chunked")) content = Dechunk(content);
        var contentType = fields["Content-Type"].FirstOrDefault()?.Split(';')[0];
        return new RawResponse(status, contentType, content);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var bytes = Encoding.UTF8.GetBytes(chunked);
        var at = 0;
        while (true)
        {
            var end = Array.IndexOf(bytes, (byte)'\r', at);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes, at, end - at), 16);
            if (size == 0) return result.ToString();
            result.Append(Encoding.UTF8.GetString(bytes, end + 2, size));
            at = end + 2 + size + 2;
        }
    }
}
