using System.Text;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Reads;
using Acgs.Protocol.Tests.Documents;

namespace Acgs.Protocol.Tests.Reads;

// PROTOCOL.md §10: what the profile accepts, and each way a read signature is refused before the
// server looks at the key.
public class read_signature_profile
{
    private const long Now = 1_750_000_000;
    private const string Target = "https://ledger.example.org/v1/events/0f?x=1";
    private const string Nonce = "AAECAwQFBgcICQoLDA0ODw";
    private const string Covered = "(\"@method\" \"@target-uri\")";

    private static readonly string AnySignature = "acgs=:" + Convert.ToBase64String(new byte[64]) + ":";
    private static readonly string KeyIdText = KeyIdOfExample();

    private static string KeyIdOfExample()
    {
        using var key = Example.ActorKey();
        return key.KeyId.Value;
    }

    private static string Parameters(long created = Now, long expires = Now + 60, string nonce = Nonce, string? keyId = null, string tag = ReadSignatureProfile.Tag) =>
        $";created={created};expires={expires};nonce=\"{nonce}\";keyid=\"{keyId ?? KeyIdText}\";tag=\"{tag}\"";

    private static ReadSignatureCheck Check(string signatureInput, string? signature = null, string target = Target) =>
        ReadSignatureProfile.Check(signatureInput, signature ?? AnySignature, "GET", target, DateTimeOffset.FromUnixTimeSeconds(Now));

    private static void ShouldRefuse(ReadSignatureCheck check, ReadRefusalKind kind)
    {
        check.Read.ShouldBeNull();
        check.Refusal.ShouldNotBeNull().Kind.ShouldBe(kind, check.Refusal.Detail);
    }

    [Fact]
    public void a_read_signed_by_the_profile_passes_and_verifies()
    {
        using var key = Example.ActorKey();
        var (input, signature) = ReadSignatureProfile.Sign(key, "GET", Target, DateTimeOffset.FromUnixTimeSeconds(Now), Nonce);

        var check = ReadSignatureProfile.Check(input, signature, "GET", Target, DateTimeOffset.FromUnixTimeSeconds(Now + 59));

        check.Refusal.ShouldBeNull();
        var read = check.Read.ShouldNotBeNull();
        input.ShouldBe("acgs=" + Covered + Parameters());
        read.KeyId.ShouldBe(key.KeyId);
        read.Nonce.ShouldBe(Nonce);
        read.ReplayUntil.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(Now + 60));
        read.Verify(key.PublicKey).ShouldBeTrue();
        Encoding.ASCII.GetString(read.SignatureBase).ShouldBe(
            $"\"@method\": GET\n\"@target-uri\": {Target}\n\"@signature-params\": {Covered}{Parameters()}");
    }

    [Fact]
    public void alg_ed25519_is_accepted_and_changes_the_signed_bytes()
    {
        var check = Check("acgs=" + Covered + Parameters() + ";alg=\"ed25519\"");

        check.Read.ShouldNotBeNull();
        Encoding.ASCII.GetString(check.Read.SignatureBase).ShouldEndWith(";alg=\"ed25519\"");
    }

    [Fact]
    public void a_nonce_is_remembered_until_created_plus_the_clock_skew_or_expiry_whichever_is_first()
    {
        Check("acgs=" + Covered + Parameters(created: Now - 50, expires: Now + 200)).Read!.ReplayUntil
            .ShouldBe(DateTimeOffset.FromUnixTimeSeconds(Now + 10));
        Check("acgs=" + Covered + Parameters(created: Now, expires: Now + 5)).Read!.ReplayUntil
            .ShouldBe(DateTimeOffset.FromUnixTimeSeconds(Now + 5));
    }

    [Fact]
    public void the_signature_binds_the_method_and_the_whole_target()
    {
        using var key = Example.ActorKey();
        var (input, signature) = ReadSignatureProfile.Sign(key, "GET", Target, DateTimeOffset.FromUnixTimeSeconds(Now), Nonce);
        var at = DateTimeOffset.FromUnixTimeSeconds(Now);

        foreach (var (method, target) in new[]
                 {
                     ("GET", Target + "&y=2"), ("GET", "https://ledger.example.org/v1/events/0f?x=2"),
                     ("GET", "http://ledger.example.org/v1/events/0f?x=1"), ("POST", Target),
                 })
        {
            ReadSignatureProfile.Check(input, signature, method, target, at).Read!.Verify(key.PublicKey).ShouldBeFalse($"{method} {target}");
        }
    }

    [Theory]
    [InlineData(null, "acgs=:AAAA:")]
    [InlineData("acgs=(\"@method\")", null)]
    [InlineData("", "")]
    public void a_missing_field_is_refused(string? signatureInput, string? signature) =>
        ShouldRefuse(ReadSignatureProfile.Check(signatureInput, signature, "GET", Target, DateTimeOffset.FromUnixTimeSeconds(Now)),
            ReadRefusalKind.Missing);

    public static TheoryData<string, string?> MalformedFields => new()
    {
        { "acgs=" + Covered + ";created=1750000000.5;expires=1750000060", null },
        { "acgs=" + Covered + Parameters() + ";created=1", null },
        { "acgs=" + Covered + Parameters() + ", acgs=" + Covered + Parameters(), null },
        { "acgs=" + Covered + Parameters() + ",", null },
        { "acgs=(\"@method\" \"@target-uri\"" + Parameters(), null },
        { "acgs=(\"@method\"\"@target-uri\")" + Parameters(), null },
        { "ACGS=" + Covered + Parameters(), "ACGS=:" + Convert.ToBase64String(new byte[64]) + ":" },
        { "acgs=" + Covered + ";created=1750000000;expires=1750000060;nonce=\"a\\nb\"", null },
        { "acgs=" + Covered + ";created=1750000000;tag=\"caf\u00e9\"", null },
        { "acgs=" + Covered + ";created=1234567890123456", null },
        { "acgs=" + Covered + ";created=" + new string('1', 1100), null },
        { "acgs=" + Covered + Parameters(), "acgs=:" + Convert.ToBase64String(new byte[64]).TrimEnd('=') + ":" },
        { "acgs=" + Covered + Parameters(), "acgs=:" + Convert.ToBase64String(new byte[63]) + ":" },
        { "acgs=" + Covered + Parameters(), "acgs=:" + Convert.ToBase64String(new byte[64]) },
        { "acgs=" + Covered + Parameters(), "other=:" + Convert.ToBase64String(new byte[64]) + ":" },
        { "acgs=" + Covered + Parameters(), "acgs=\"" + Convert.ToBase64String(new byte[64]) + "\"" },
        { "acgs=" + Covered + Parameters(), "acgs=:" + Convert.ToBase64String(new byte[64]) + ":;alg=\"ed25519\"" },
        { "acgs=\"@method\"" + Parameters(), null },
        { "acgs=" + Covered + Parameters() + ", more=" + Covered + Parameters(), "acgs=:" + Convert.ToBase64String(new byte[64]) + ":, more=:" + Convert.ToBase64String(new byte[64]) + ":" },
        { "acgs=" + Covered + Parameters() + " ;x", null },
        { "acgs=" + Covered + ";created=?2", null },
        { "acgs=" + Covered + ";created=-", null },
        { "acgs=" + Covered + ";=1", null },
        { "acgs=(\"@method\" @target-uri)" + Parameters(), null },
    };

    [Theory]
    [MemberData(nameof(MalformedFields))]
    public void malformed_structured_fields_are_refused(string signatureInput, string? signature) =>
        ShouldRefuse(Check(signatureInput, signature), ReadRefusalKind.Malformed);

    [Theory]
    [InlineData("(\"@method\")")]
    [InlineData("(\"@target-uri\")")]
    [InlineData("()")]
    [InlineData("(\"@target-uri\" \"@method\")")]
    [InlineData("(\"@method\" \"@target-uri\" \"@authority\")")]
    [InlineData("(\"@method\" \"@path\" \"@query\")")]
    [InlineData("(\"@method\" \"@target-uri\";req)")]
    [InlineData("(\"@method\" \"@method\")")]
    [InlineData("(\"@method\" \"@target-uri\" \"date\")")]
    [InlineData("(\"@method\" target-uri)")]
    public void other_components_are_refused(string covered) =>
        ShouldRefuse(Check("acgs=" + covered + Parameters()), ReadRefusalKind.Components);

    [Theory]
    [InlineData(";expires=1750000060;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"k\";tag=\"acgs-read-v1\"")]
    [InlineData(";created=1750000000;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"k\";tag=\"acgs-read-v1\"")]
    [InlineData(";created=1750000000;expires=1750000060;keyid=\"k\";tag=\"acgs-read-v1\"")]
    [InlineData(";created=1750000000;expires=1750000060;nonce=\"AAECAwQFBgcICQoLDA0ODw\";tag=\"acgs-read-v1\"")]
    [InlineData(";created=1750000000;expires=1750000060;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"k\"")]
    [InlineData(";created=\"1750000000\";expires=1750000060;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"k\";tag=\"acgs-read-v1\"")]
    [InlineData(";created=1750000000;expires=1750000060;nonce=AAECAwQFBgcICQoLDA0ODw;keyid=\"k\";tag=\"acgs-read-v1\"")]
    [InlineData(";created=1750000000;expires=1750000060;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"k\";tag=\"acgs-read-v1\";context=\"x\"")]
    [InlineData(";created=-1;expires=1750000060;nonce=\"AAECAwQFBgcICQoLDA0ODw\";keyid=\"k\";tag=\"acgs-read-v1\"")]
    public void missing_mistyped_or_unknown_parameters_are_refused(string parameters) =>
        ShouldRefuse(Check("acgs=" + Covered + parameters), ReadRefusalKind.Parameters);

    [Theory]
    [InlineData("acgs-read-v2")]
    [InlineData("ACGS-READ-V1")]
    [InlineData("")]
    public void another_tag_is_refused(string tag) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(tag: tag)), ReadRefusalKind.Tag);

    [Theory]
    [InlineData("alg=\"rsa-pss-sha512\"")]
    [InlineData("alg=\"ED25519\"")]
    [InlineData("alg=\"hmac-sha256\"")]
    [InlineData("alg=ed25519")]
    public void another_algorithm_is_refused(string algorithm) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters() + ";" + algorithm), ReadRefusalKind.Algorithm);

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0O")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODx")]
    [InlineData("AAECAwQFBgcICQoLDA0OD+/")]
    [InlineData("AAECAwQF BgcICQoLDA0ODw")]
    [InlineData("")]
    public void a_short_or_misspelled_nonce_is_refused(string nonce) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(nonce: nonce)), ReadRefusalKind.Nonce);

    [Fact]
    public void a_nonce_of_more_than_64_bytes_is_refused() =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(nonce: Convert.ToBase64String(new byte[66]).Replace('=', 'A'))),
            ReadRefusalKind.Nonce);

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    [InlineData(-3600)]
    public void a_signature_created_outside_the_window_is_refused(long offset) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(created: Now + offset, expires: Now + offset + 60)), ReadRefusalKind.NotFresh);

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(301)]
    public void a_lifetime_that_is_not_positive_or_beyond_five_minutes_is_refused(long lifetime) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(expires: Now + lifetime)), ReadRefusalKind.Lifetime);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void an_expired_signature_is_refused(long expiresOffset) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(created: Now - 30, expires: Now + expiresOffset)), ReadRefusalKind.Expired);

    [Theory]
    [InlineData("test-key-ed25519")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcde")]
    public void a_keyid_that_is_not_a_ledger_key_id_is_refused(string keyId) =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(keyId: keyId)), ReadRefusalKind.UnknownKey);

    [Fact]
    public void a_field_longer_than_the_bound_is_refused() =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters() + ";x=\"" + new string('a', ReadSignatureProfile.MaxFieldLength) + "\""),
            ReadRefusalKind.Malformed);

    [Fact]
    public void a_target_that_is_not_printable_ascii_makes_no_base() =>
        ShouldRefuse(Check("acgs=" + Covered + Parameters(), target: "https://ledger.example.org/v1/caf\u00e9"), ReadRefusalKind.Malformed);

    [Fact]
    public void accept_signature_names_the_profile() =>
        ReadSignatureProfile.AcceptSignature.ShouldBe("acgs=(\"@method\" \"@target-uri\");created;expires;nonce;keyid;tag=\"acgs-read-v1\"");
}
