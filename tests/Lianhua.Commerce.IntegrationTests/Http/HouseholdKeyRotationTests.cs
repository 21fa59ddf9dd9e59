using System.Net;
using Azure.Data.Tables;
using Lianhua.Commerce.Core.Households.Storage;
using Lianhua.Commerce.Core.Storage;
using Lianhua.Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lianhua.Commerce.IntegrationTests.Http;

/// <summary>Hosts started one after the other on one storage, with the household keys of a rotation.</summary>
public sealed class HouseholdKeyRotationTests
{
    private readonly string _prefix = TestStorage.NewPrefix();
    private readonly string _countyKey = LocalHostFixture.NewCountyKey();

    [Fact]
    public async Task AfterRotation_OldHouseholdsStillDecrypt_NewOnesUseTheNewKey_AndDuplicatesAreStillFound()
    {
        string first, nationalId;
        var before = await StartAsync(new Dictionary<string, string?>()); // key t1 only
        try
        {
            var body = HouseholdData.New(TestData.StationA, name: "欧阳小明");
            nationalId = body.NationalId;
            first = (await before.County().Post("households", body)).Json["id"]!.GetValue<string>();
        }
        finally { await before.DisposeAsync(); }

        var after = await StartAsync(new Dictionary<string, string?>
        {
            ["Commerce:Households:ActiveKeyId"] = "t2",
            ["Commerce:Households:Keys:t2"] = LocalHostFixture.TestKey(_prefix, "t2"),
        });
        try
        {
            var old = await after.County().Get($"households/{first}");
            Assert.Equal(HttpStatusCode.OK, old.Status);
            Assert.Equal("欧阳小明", old.Json["name"]!.GetValue<string>());
            Assert.Equal(nationalId[^4..], old.Json["nationalIdLast4"]!.GetValue<string>());

            var second = (await HouseholdData.Register(after, TestData.StationA, "张三明"))["id"]!.GetValue<string>();
            Assert.Equal("张三明", (await after.County().Get($"households/{second}")).Json["name"]!.GetValue<string>());
            Assert.Equal(("t1", "t1"), await KeyIdsOf(after, first));
            Assert.Equal(("t2", "t2"), await KeyIdsOf(after, second));
            Assert.Equal(HttpStatusCode.Conflict, (await after.County().Post("households", HouseholdData.New(TestData.StationB, nationalId))).Status);
        }
        finally { await after.DisposeAsync(); }
    }

    [Fact]
    public async Task AHost_WhoseActiveKeyIsMissing_RefusesToStart_NamingTheSetting()
    {
        var host = new LocalHostFixture(_prefix, _countyKey, new Dictionary<string, string?> { ["Commerce:Households:ActiveKeyId"] = "t9" });
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(host.InitializeAsync);
        Assert.Contains("ActiveKeyId 't9' names no key", refused.Message);
        Assert.DoesNotContain(LocalHostFixture.TestKey(_prefix, "t1"), refused.Message);
        await host.App.DisposeAsync();
    }

    private async Task<LocalHostFixture> StartAsync(Dictionary<string, string?> settings)
    {
        var host = new LocalHostFixture(_prefix, _countyKey, settings);
        await host.InitializeAsync();
        return host;
    }

    private static async Task<(string Name, string NationalId)> KeyIdsOf(LocalHostFixture host, string householdId)
    {
        var row = await host.Storage.Table(TableNames.Households).QueryAsync<HouseholdEntity>(TableClient.CreateQueryFilter($"Id eq {householdId}")).SingleAsync();
        return (row.NameSealed.Split('.')[1], row.NationalIdSealed.Split('.')[1]);
    }
}
