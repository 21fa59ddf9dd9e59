using System.Security.Cryptography;
using Lianhua.Commerce.Core.Households;

namespace Lianhua.Commerce.Core.Tests.Households;

public sealed class PersonalDataProtectorTests
{
    private static readonly string KeyA = NewKey(), KeyB = NewKey(), Blind = NewKey();
    private const string Context = "household/360321-st-1-h0011223344556677/nationalId";

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static PersonalDataProtector Protector(string active, params (string Id, string Key)[] keys) => new(new HouseholdOptions
    {
        ActiveKeyId = active,
        Keys = keys.ToDictionary(k => k.Id, k => k.Key),
        BlindIndexKey = Blind,
    });

    [Fact]
    public void Seal_ThenOpen_RoundTrips_WithAFreshNonceEachTime_AndNoPlaintextInTheStoredForm()
    {
        var protector = Protector("a", ("a", KeyA));
        var first = protector.Seal("11010519491231002X", Context);
        var second = protector.Seal("11010519491231002X", Context);
        Assert.Equal("a", first.KeyId);
        Assert.Equal(12, first.Nonce.Length);
        Assert.Equal(16, first.Tag.Length);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.DoesNotContain("1949", first.Format());
        Assert.Equal("11010519491231002X", protector.Open(SealedText.Parse(first.Format()), Context));
        Assert.Equal("欧阳小明", protector.Open(protector.Seal("欧阳小明", "n"), "n"));
    }

    [Fact]
    public void AfterRotation_OldValuesOpenWithTheirKey_NewValuesUseTheActiveOne()
    {
        var old = Protector("a", ("a", KeyA)).Seal("张三明", Context);
        var rotated = Protector("b", ("a", KeyA), ("b", KeyB));
        Assert.Equal("张三明", rotated.Open(old, Context));
        var fresh = rotated.Seal("张三明", Context);
        Assert.Equal("b", fresh.KeyId);
        Assert.Equal("张三明", Protector("b", ("b", KeyB), ("a", KeyA)).Open(fresh, Context));
        // A key that is gone cannot open what it sealed: the error names the key id only.
        var missing = Assert.Throws<InvalidOperationException>(() => Protector("b", ("b", KeyB)).Open(old, Context));
        Assert.Contains("'a'", missing.Message);
    }

    [Fact]
    public void Open_OfATamperedValue_OrInAnotherContext_Fails()
    {
        var protector = Protector("a", ("a", KeyA));
        var sealedText = protector.Seal("11010519491231002X", Context);
        var flipped = sealedText with { Ciphertext = (byte[])sealedText.Ciphertext.Clone() };
        flipped.Ciphertext[3] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(flipped, Context));
        var badTag = sealedText with { Tag = (byte[])sealedText.Tag.Clone() };
        badTag.Tag[0] ^= 0x80;
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(badTag, Context));
        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedText, "household/another/nationalId"));
        // The same key id with other bytes (a key overwritten in Key Vault) does not open it either.
        Assert.ThrowsAny<CryptographicException>(() => Protector("a", ("a", KeyB)).Open(sealedText, Context));
    }

    [Fact]
    public void BlindIndex_IsStableForOneKey_DiffersAcrossIdsAndKeys_AndIsNotTheId()
    {
        var protector = Protector("a", ("a", KeyA));
        var index = protector.BlindIndex("11010519491231002X");
        Assert.Equal(index, Protector("b", ("b", KeyB)).BlindIndex("11010519491231002X")); // the AES keys play no part
        Assert.NotEqual(index, protector.BlindIndex("360321198503150016"));
        Assert.Matches("^[0-9a-f]{64}$", index);
        var otherBlind = new PersonalDataProtector(new HouseholdOptions { ActiveKeyId = "a", Keys = new() { ["a"] = KeyA }, BlindIndexKey = NewKey() });
        Assert.NotEqual(index, otherBlind.BlindIndex("11010519491231002X"));
    }

    [Theory]
    [InlineData(null, "a", "ActiveKeyId")]
    [InlineData("b", "a", "names no key")]
    [InlineData("a", "a", "BlindIndexKey")] // blind key not set
    [InlineData("a", "a b", "base64 of 32 bytes")]
    public void Options_ThatCannotWork_AreRefusedWithAClearMessage_AndNeverShowAKey(string? active, string keyIds, string expected)
    {
        var keys = keyIds.Split(' ').ToDictionary(id => id, id => id == "b" ? Convert.ToBase64String(new byte[16]) : KeyA);
        var options = new HouseholdOptions { ActiveKeyId = active, Keys = keys, BlindIndexKey = expected == "BlindIndexKey" ? null : Blind };
        var problems = string.Join(" ", HouseholdOptionsValidation.Problems(options));
        Assert.Contains(expected, problems);
        Assert.DoesNotContain(KeyA, problems);
        var refused = Assert.Throws<InvalidOperationException>(() => new PersonalDataProtector(options));
        Assert.Contains("Commerce:Households", refused.Message);
    }

    [Fact]
    public void Options_WithAnUnresolvedKeyVaultReference_SayWhatToCheck()
    {
        var options = new HouseholdOptions
        {
            ActiveKeyId = "a", Keys = new() { ["a"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/HouseholdsKey-a/)" }, BlindIndexKey = Blind,
        };
        Assert.Contains("Key Vault", string.Join(" ", HouseholdOptionsValidation.Problems(options)));
        Assert.Contains("differ", string.Join(" ", HouseholdOptionsValidation.Problems(new HouseholdOptions { ActiveKeyId = "a", Keys = new() { ["a"] = Blind }, BlindIndexKey = Blind })));
    }
}
