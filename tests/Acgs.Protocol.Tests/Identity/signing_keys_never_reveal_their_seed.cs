using Acgs.Ledger.Identity;

namespace Acgs.Protocol.Tests.Identity;

public class signing_keys_never_reveal_their_seed
{
    [Fact]
    public void in_their_text_form()
    {
        var vector = Acgs.Protocol.Tests.Rfc.Rfc8032Vectors.Named("TEST 1");
        using var key = SigningKey.FromSeed(vector.SecretKey);

        var text = key.ToString();

        text.ShouldContain(key.KeyId.Value);
        text.ShouldNotContain(Convert.ToHexStringLower(vector.SecretKey));
        text.ShouldNotContain(Convert.ToBase64String(vector.SecretKey));
        $"{key}".ShouldBe(text);
    }

    [Fact]
    public void but_export_the_seed_they_came_from()
    {
        var vector = Acgs.Protocol.Tests.Rfc.Rfc8032Vectors.Named("TEST 2");
        using var key = SigningKey.FromSeed(vector.SecretKey);
        var seed = new byte[SigningKey.SeedSize];

        key.ExportSeed(seed);

        seed.ShouldBe(vector.SecretKey);
    }

    [Fact]
    public void and_a_seed_of_the_wrong_size_is_refused()
    {
        Should.Throw<ArgumentException>(() => SigningKey.FromSeed(new byte[31])).ParamName.ShouldBe("seed");
    }

    [Fact]
    public void and_generated_keys_differ()
    {
        using var first = SigningKey.Generate();
        using var second = SigningKey.Generate();

        first.PublicKey.ShouldNotBe(second.PublicKey);
    }
}
