using Acgs.Ledger.Identity;

namespace Acgs.Protocol.Tests.Identity;

public class key_id_is_the_first_16_hex_of_the_public_key_hash
{
    // RFC 8032 §7.1 TEST 1's public key; SHA-256 of its 32 raw bytes is
    // 21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9 (sha256sum).
    private const string Test1PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    [Fact]
    public void for_the_rfc8032_test_1_key()
    {
        var key = VerificationKey.Import(Convert.FromHexString(Test1PublicKey));

        key.KeyId.Value.ShouldBe("21fe31dfa154a261");
        KeyId.Of(Convert.FromHexString(Test1PublicKey)).ShouldBe(key.KeyId);
    }

    [Fact]
    public void and_its_public_key_is_44_characters_of_padded_base64()
    {
        var key = VerificationKey.Import(Convert.FromHexString(Test1PublicKey));

        key.ToBase64().ShouldBe("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        VerificationKey.Parse("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").ShouldBe(key);
    }

    [Theory]
    [InlineData("21FE31DFA154A261")]
    [InlineData("21fe31dfa154a26")]
    [InlineData("21fe31dfa154a2611")]
    [InlineData("21fe31dfa154a26g")]
    [InlineData("")]
    [InlineData(null)]
    public void and_nothing_else_parses_as_a_key_id(string? text)
    {
        KeyId.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void which_parses_back()
    {
        KeyId.TryParse("21fe31dfa154a261", out var keyId).ShouldBeTrue();
        keyId.Value.ShouldBe("21fe31dfa154a261");
    }
}
