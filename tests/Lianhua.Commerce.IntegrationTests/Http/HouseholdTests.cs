using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;

namespace Lianhua.Commerce.IntegrationTests.Http;

public sealed class HouseholdTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    [Fact]
    public async Task Register_ByCounty_Is201WithLocation_AndOnlyTheCountysReadShowsTheFullName()
    {
        var body = HouseholdData.New(TestData.StationA, name: "欧阳小明");
        var nationalId = body.NationalId;
        var created = await host.County().Post("households", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json["id"]!.GetValue<string>();
        Assert.Matches($"^360321-{TestData.StationA}-h[0-9a-f]{{16}}$", id);
        Assert.Equal($"/api/households/{id}", created.Header("Location"));
        Assert.Equal(["id", "nameMasked", "townshipCode", "village", "stationId", "pairedUnit", "registeredYear"],
            created.Json.AsObject().Select(p => p.Key));
        Assert.Equal("欧**明", created.Json["nameMasked"]!.GetValue<string>());
        Assert.Equal(TestData.TownshipA, created.Json["townshipCode"]!.GetValue<string>());
        Assert.DoesNotContain(nationalId[..14], created.Raw);

        var read = await host.County().Get($"households/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("欧阳小明", read.Json["name"]!.GetValue<string>());
        Assert.Equal("欧**明", read.Json["nameMasked"]!.GetValue<string>());
        Assert.Equal(nationalId[^4..], read.Json["nationalIdLast4"]!.GetValue<string>());
        Assert.Equal(("路口村", "莲花县农业农村局", 2016), (read.Json["village"]!.GetValue<string>(), read.Json["pairedUnit"]!.GetValue<string>(), read.Json["registeredYear"]!.GetValue<int>()));
        Assert.DoesNotContain(nationalId[..14], read.Raw);
        Assert.Null(read.Json["nationalId"]);

        var station = await Keys.Of(host, TestData.StationA);
        var hub = await HubKey();
        foreach (var other in new[] { station, hub })
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Get($"households/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.County().Get($"households/{id[..^1]}{(id[^1] == '0' ? '1' : '0')}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.County().Get("households/not-a-household")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().Get($"households/{id}")).Status);
    }

    [Fact]
    public async Task Register_ByAStationOrHub_Is403_AndStoresNothing()
    {
        var before = await Rows();
        foreach (var caller in new[] { await Keys.Of(host, TestData.StationA), await HubKey() })
        {
            var refused = await caller.Post("households", HouseholdData.New(), Headers.Idempotency());
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        }
        Assert.Equal(before, await Rows());
    }

    [Fact]
    public async Task Register_WithANationalIdRegisteredAlready_Is409_AndStoresNothing()
    {
        var body = HouseholdData.New(TestData.StationA, name: "张三明");
        var first = await host.County().Post("households", body);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var before = await Rows();
        // Another name, station and key; the same number, with a lower-case x where it has an X.
        var again = HouseholdData.New(TestData.StationB, nationalId: body.NationalId.ToLowerInvariant(), name: "李四");
        var refused = await host.County().Post("households", again, Headers.Idempotency());
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal(first.Json["id"]!.GetValue<string>(), refused.Json["householdId"]!.GetValue<string>());
        Assert.Equal(before, await Rows());
    }

    [Fact]
    public async Task Register_TheSameNationalIdConcurrently_MakesExactlyOneHousehold()
    {
        var nationalId = HouseholdData.NewNationalId();
        var before = await Rows();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            host.County().Post("households", HouseholdData.New(i % 2 == 0 ? TestData.StationA : TestData.StationB, nationalId, name: $"王{i}明"))));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(before + 2, await Rows()); // one household and its index row
    }

    [Theory]
    [InlineData("360321199001010019")]       // wrong check digit
    [InlineData("36032119900101001X")]       // X where 8 belongs
    [InlineData("36032119900101001")]        // 17 characters
    [InlineData("3603211990010100188")]      // 19
    [InlineData("36032119900230001X")]       // 30 February
    [InlineData("36032119900101001A")]
    [InlineData("")]
    public async Task Register_WithAnInvalidNationalId_Is400NamingIt_AndStoresNothing(string nationalId)
    {
        var before = await Rows();
        var refused = await host.County().Post("households", HouseholdData.New(nationalId: nationalId));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["nationalId"], refused.Json["errors"]!.AsObject().Select(e => e.Key));
        if (nationalId.Length > 4) Assert.DoesNotContain(nationalId[..10], refused.Raw);
        Assert.Equal(before, await Rows());
    }

    [Fact]
    public async Task Register_WithBadFields_Is400NamingEach_AndStoresNothing()
    {
        var before = await Rows();
        var body = HouseholdData.New(TestData.StationA, name: new string('张', 41), village: "", pairedUnit: new string('单', 81), registeredYear: 2013)
            with { TownshipCode = "360321204" };
        var refused = await host.County().Post("households", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["name", "pairedUnit", "registeredYear", "townshipCode", "village"], refused.Json["errors"]!.AsObject().Select(e => e.Key).Order());

        var unknown = HouseholdData.New(TestData.StationA) with { StationId = "st-nowhere" };
        Assert.Equal(["stationId"], (await host.County().Post("households", unknown)).Json["errors"]!.AsObject().Select(e => e.Key));
        var malformed = await host.County().SendRaw(HttpMethod.Post, "households", """{"name": "张三", "registeredYear": "2016"}""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        var badKey = await host.County().Post("households", HouseholdData.New(), Headers.Idempotency("no spaces"));
        Assert.Equal(HttpStatusCode.BadRequest, badKey.Status);
        Assert.Equal(before, await Rows());
    }

    [Fact]
    public async Task ListStationHouseholds_ItsStationSeesMaskedNames_PagedToTheEnd_AnotherStationOrAHubGets404()
    {
        var registered = new List<string>();
        foreach (var name in new[] { "赵一", "钱二多", "孙三小明" })
            registered.Add((await HouseholdData.Register(host, TestData.StationA2, name))["id"]!.GetValue<string>());
        await HouseholdData.Register(host, TestData.StationA, "周五");

        var own = await Keys.Of(host, TestData.StationA2);
        var items = new List<JsonNode>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await own.Get($"stations/{TestData.StationA2}/households?pageSize=2" + (token is null ? "" : $"&continuationToken={token}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.True(page.Json["items"]!.AsArray().Count <= 2);
            items.AddRange(page.Json["items"]!.AsArray().Select(i => i!));
            token = page.Json["continuationToken"]?.GetValue<string>();
            Assert.True(++pages < 10, "paging did not end");
        } while (token is not null);
        Assert.Equal(registered.Order(), items.Select(i => i["id"]!.GetValue<string>()).Order());
        Assert.Equal(["孙**明", "赵*", "钱*多"], items.Select(i => i["nameMasked"]!.GetValue<string>()).Order());
        Assert.All(items, i => Assert.Equal(["id", "nameMasked", "village", "pairedUnit", "registeredYear"], i.AsObject().Select(p => p.Key)));

        var county = await host.County().Get($"stations/{TestData.StationA2}/households?pageSize=100");
        Assert.Equal(registered.Order(), county.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await (await Keys.Of(host, TestData.StationB)).Get($"stations/{TestData.StationA2}/households")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await HubKey()).Get($"stations/{TestData.StationA2}/households")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.Get($"stations/{TestData.StationA2}/households?pageSize=0")).Status);
    }

    [Fact]
    public async Task Register_WithAnIdempotencyKey_ReplaysTheSameBytes_AndADifferentBodyIs422()
    {
        var headers = Headers.Idempotency();
        var body = HouseholdData.New(TestData.StationA, name: "吴六");
        var before = await Rows();
        var first = await host.County().Post("households", body, headers);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Null(first.Header("Idempotent-Replayed"));

        var replay = await host.County().Post("households", body, headers);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal(first.Raw, replay.Raw);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(first.Header("Location"), replay.Header("Location"));

        var other = await host.County().Post("households", HouseholdData.New(TestData.StationA, name: "吴七"), headers);
        Assert.Equal((HttpStatusCode)422, other.Status);
        Assert.Equal(before + 3, await Rows()); // the household, its index row and the key's record

        // Sent four times at once under a new key: one household, every answer its bytes.
        var raced = HouseholdData.New(TestData.StationA, name: "郑八");
        var racedHeaders = Headers.Idempotency();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.County().Post("households", raced, racedHeaders)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Raw).Distinct());
        Assert.Equal(before + 6, await Rows());
    }

    private Task<Api> HubKey() => Keys.Of(host, TestData.HubA);

    /// <summary>Every entity of the Households table: what a request stored, or did not.</summary>
    private async Task<int> Rows() =>
        await host.Storage.Table(TableNames.Households).QueryAsync<TableEntity>(select: ["RowKey"]).CountAsync();
}
