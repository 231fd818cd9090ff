using System.Text;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Reads;

namespace Acgs.Protocol.Tests.Documents;

// docs/PROTOCOL.md §10: the signed read of the worked example, recomputed by the ledger's own signer
// and accepted by its own profile check.
public class protocol_document_read_example_is_recomputed
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_748_770_200);
    private const string Nonce = "AAECAwQFBgcICQoLDA0ODw";

    private static string Block(string name) => ProtocolDocument.Block(name);

    [Fact]
    public void the_example_reads_the_event_of_section_8_with_the_nonce_given()
    {
        Block("read-target-uri").ShouldBe("https://ledger.example.org/v1/events/" + Block("event-hash"));
        Convert.ToHexString(Convert.FromBase64String(Nonce + "==")).ShouldBe("000102030405060708090A0B0C0D0E0F");
        Created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture).ShouldBe("2025-06-01T09:30:00Z");
    }

    [Fact]
    public void the_signature_input_and_signature_are_the_signers()
    {
        using var actorKey = SigningKey.FromSeed(Convert.FromHexString(Block("actor-seed")));

        var (input, signature) = ReadSignatureProfile.Sign(actorKey, "GET", Block("read-target-uri"), Created, Nonce);

        input.ShouldBe(Block("read-signature-input"));
        signature.ShouldBe(Block("read-signature"));
    }

    [Fact]
    public void the_profile_accepts_the_example_and_its_base_is_the_one_shown()
    {
        var check = ReadSignatureProfile.Check(Block("read-signature-input"), Block("read-signature"), "GET", Block("read-target-uri"),
            Created.AddSeconds(30));

        var read = check.Read.ShouldNotBeNull();
        Encoding.ASCII.GetString(read.SignatureBase).ShouldBe(Block("read-signature-base"));
        read.KeyId.Value.ShouldBe(Block("actor-key-id"));
        read.Verify(VerificationKey.Parse(Block("actor-public-key"))).ShouldBeTrue();
    }

    [Fact]
    public void accept_signature_is_the_servers() =>
        Block("accept-signature").ShouldBe(ReadSignatureProfile.AcceptSignature);
}
