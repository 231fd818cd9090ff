using System.Text;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity.HttpSignatures;
using Acgs.Ledger.Reads;

namespace Acgs.Protocol.Tests.Rfc;

// RFC 9421 Appendix B.2.6: the generic code rebuilds the published signature base byte for byte and
// the published signature verifies; the ledger's read profile still refuses the request, which has
// other components and neither nonce nor tag.
public class rfc9421_ed25519_example_verifies
{
    private static IReadOnlyList<MessageSignature> Parse()
    {
        MessageSignatures.TryParse(Rfc9421Example.Value("signature_input_field_value"), Rfc9421Example.Value("signature_field_value"),
            out var signatures, out var error).ShouldBeTrue(error);
        return signatures;
    }

    [Fact]
    public void the_signature_base_is_rebuilt_exactly()
    {
        var signature = Parse().ShouldHaveSingleItem();

        signature.Label.ShouldBe("sig-b26");
        signature.TryCreateBase(Rfc9421Example.Request(), out var signatureBase, out var error).ShouldBeTrue(error);
        Encoding.ASCII.GetString(signatureBase).ShouldBe(Encoding.ASCII.GetString(Rfc9421Example.SignatureBase));
        Encoding.ASCII.GetString(signatureBase).ShouldBe(Rfc9421Example.Value("signature_base"));
        StructuredFields.Serialize(signature.Input).ShouldBe(Rfc9421Example.Value("signature_params"));
    }

    [Fact]
    public void the_published_signature_verifies_and_is_reproduced()
    {
        var signature = Parse().Single();
        signature.TryCreateBase(Rfc9421Example.Request(), out var signatureBase, out _).ShouldBeTrue();
        var publicKey = VerificationKey.Import(Convert.FromHexString(Rfc9421Example.Value("key_public_hex")));
        using var testKey = SigningKey.FromSeed(Convert.FromHexString(Rfc9421Example.Value("key_seed_hex")));

        publicKey.Verify(signatureBase, signature.Signature).ShouldBeTrue();
        Convert.ToHexStringLower(signature.Signature).ShouldBe(Rfc9421Example.Value("signature_hex"));
        testKey.Sign(signatureBase).ShouldBe(signature.Signature);
    }

    [Fact]
    public void a_changed_component_value_no_longer_verifies()
    {
        var signature = Parse().Single();
        var publicKey = VerificationKey.Import(Convert.FromHexString(Rfc9421Example.Value("key_public_hex")));
        var fields = new Dictionary<string, IReadOnlyList<string>>
        {
            ["date"] = ["Tue, 20 Apr 2021 02:07:55 GMT"],
            ["content-type"] = ["application/json"],
            ["content-length"] = ["19"],
        };

        signature.TryCreateBase(new RequestComponents("POST", "https://example.com/foo?param=Value&Pet=dog", fields), out var signatureBase, out _)
            .ShouldBeTrue();

        publicKey.Verify(signatureBase, signature.Signature).ShouldBeFalse();
    }

    [Fact]
    public void the_read_profile_refuses_the_example()
    {
        var check = ReadSignatureProfile.Check(Rfc9421Example.Value("signature_input_field_value"), Rfc9421Example.Value("signature_field_value"),
            "POST", "https://example.com/foo?param=Value&Pet=dog", DateTimeOffset.FromUnixTimeSeconds(1618884473));

        check.Read.ShouldBeNull();
        check.Refusal!.Kind.ShouldBe(ReadRefusalKind.Components);
    }

    // The example's parameters over the profile's components: still refused, for want of a nonce and a tag.
    [Fact]
    public void the_example_parameters_lack_the_nonce_and_tag_the_profile_requires()
    {
        var check = ReadSignatureProfile.Check(
            "sig-b26=(\"@method\" \"@target-uri\");created=1618884473;keyid=\"test-key-ed25519\"",
            Rfc9421Example.Value("signature_field_value"),
            "GET", "https://example.com/foo", DateTimeOffset.FromUnixTimeSeconds(1618884473));

        check.Refusal!.Kind.ShouldBe(ReadRefusalKind.Parameters);
        check.Refusal.Detail.ShouldContain("nonce");
        check.Refusal.Detail.ShouldContain("tag");
    }
}
