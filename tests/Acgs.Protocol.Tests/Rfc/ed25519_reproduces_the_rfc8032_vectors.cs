using Acgs.Ledger.Identity;

namespace Acgs.Protocol.Tests.Rfc;

public class ed25519_reproduces_the_rfc8032_vectors
{
    [Theory]
    [MemberData(nameof(Rfc8032Vectors.Names), MemberType = typeof(Rfc8032Vectors))]
    public void the_seed_gives_the_published_public_key(string name)
    {
        var vector = Rfc8032Vectors.Named(name);

        using var key = SigningKey.FromSeed(vector.SecretKey);

        key.PublicKey.RawBytes.ToArray().ShouldBe(vector.PublicKey);
    }

    [Theory]
    [MemberData(nameof(Rfc8032Vectors.Names), MemberType = typeof(Rfc8032Vectors))]
    public void signing_gives_the_published_signature(string name)
    {
        var vector = Rfc8032Vectors.Named(name);

        using var key = SigningKey.FromSeed(vector.SecretKey);

        key.Sign(vector.Message).ShouldBe(vector.Signature);
    }

    [Theory]
    [MemberData(nameof(Rfc8032Vectors.Names), MemberType = typeof(Rfc8032Vectors))]
    public void the_published_signature_verifies_under_the_imported_public_key(string name)
    {
        var vector = Rfc8032Vectors.Named(name);

        var publicKey = VerificationKey.Import(vector.PublicKey);

        publicKey.Verify(vector.Message, vector.Signature).ShouldBeTrue();
        publicKey.Verify(vector.Message, Convert.ToBase64String(vector.Signature)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Rfc8032Vectors.Names), MemberType = typeof(Rfc8032Vectors))]
    public void any_flipped_bit_fails_verification(string name)
    {
        var vector = Rfc8032Vectors.Named(name);
        var publicKey = VerificationKey.Import(vector.PublicKey);

        for (var bit = 0; bit < vector.Signature.Length * 8; bit += 7)
        {
            var signature = (byte[])vector.Signature.Clone();
            signature[bit / 8] ^= (byte)(1 << (bit % 8));
            publicKey.Verify(vector.Message, signature).ShouldBeFalse($"bit {bit} of the signature");
        }

        var message = vector.Message.Append((byte)0).ToArray();
        publicKey.Verify(message, vector.Signature).ShouldBeFalse("a longer message");
    }
}
