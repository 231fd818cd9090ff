using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Documents;

// Every value of docs/PROTOCOL.md §8, recomputed from the keys and the inputs by the ledger's own
// code, so the page cannot drift from what the ledger does.
public class protocol_document_worked_example_is_recomputed
{
    private static readonly Guid LedgerId = Guid.Parse("3f2c9a4e-7b1d-4e8a-9c6f-2d5b8e1a7c30");
    private static readonly Guid StreamId = Guid.Parse("5d9e2a7c-4f1b-4c8d-b6e3-9a2f7c1d4e85");
    private static readonly Guid ActorId = Guid.Parse("8e4b1f6a-2c9d-4b7e-a3f5-1d6c8e2a9b47");
    private static readonly DateTimeOffset RecordedAt = Timestamp("2025-06-01T09:30:00.456Z");
    private const long ActorVersion = 2;
    private const string Origin = "ledger.example.org/acgs/3f2c9a4e-7b1d-4e8a-9c6f-2d5b8e1a7c30";

    private static SigningKey ActorKey() => SigningKey.FromSeed(Convert.FromHexString(Block("actor-seed")));

    private static SigningKey LedgerKey() => SigningKey.FromSeed(Convert.FromHexString(Block("ledger-seed")));

    private static string Block(string name) => ProtocolDocument.Block(name);

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static DateTimeOffset Timestamp(string text) =>
        LedgerTimestamp.TryParse(text, out var instant) ? instant : throw new FormatException(text);

    // Read as the ledger reads a request: the ledger's I-JSON profile, then the exact typed round trip.
    private static StrictJsonResult Strict(string name)
    {
        var parsed = StrictJson.Parse(Encoding.UTF8.GetBytes(Block(name)));
        parsed.Error.ShouldBeNull(name);
        return parsed;
    }

    private static Submission ExampleSubmission()
    {
        using var parsed = Strict("submission");
        return LedgerJson.TryDeserializeExact<Submission>(parsed.RootElement, out var submission, out var error)
            ? submission
            : throw new InvalidDataException(error.ToString());
    }

    private static EventSealInput ExampleSealInput() => new(
        LedgerId, StreamId, 1, ExampleSubmission(), Block("submission-signature"), RecordedAt, ActorVersion, GenesisLink.Compute(LedgerId, StreamId));

    [Fact]
    public void every_named_block_is_one_of_these()
    {
        ProtocolDocument.Blocks.Keys.Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            "accept-signature", "actor-key-id", "actor-public-key", "actor-seed", "checkpoint", "event-hash", "genesis-link",
            "leaf-hash", "ledger-public-key", "ledger-seed", "ledger-verifier-key", "payload", "payload-canonical", "payload-hash",
            "pop-canonical", "pop-signature", "read-signature", "read-signature-base", "read-signature-input", "read-target-uri",
            "receipt-canonical", "receipt-signature", "request",
            "seal-header", "seal-input-canonical", "submission", "submission-canonical", "submission-signature",
        });
    }

    [Fact]
    public void the_domain_tags_listed_are_the_ledgers()
    {
        var listed = Regex.Matches(ProtocolDocument.Text, @"^\| `(acgs:[a-z-]+:v1)\\n` \|", RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value + "\n");

        listed.ShouldBe(new[]
        {
            Encoding.ASCII.GetString(DomainTags.Payload),
            Encoding.ASCII.GetString(DomainTags.Submission),
            Encoding.ASCII.GetString(DomainTags.Event),
            Encoding.ASCII.GetString(DomainTags.GenesisLink),
            Encoding.ASCII.GetString(DomainTags.LedgerGenesis),
            Encoding.ASCII.GetString(DomainTags.ProofOfPossession),
            Encoding.ASCII.GetString(DomainTags.Receipt),
        });
    }

    [Fact]
    public void the_keys()
    {
        using var actorKey = ActorKey();
        using var ledgerKey = LedgerKey();

        actorKey.PublicKey.ToBase64().ShouldBe(Block("actor-public-key"));
        actorKey.KeyId.Value.ShouldBe(Block("actor-key-id"));
        ledgerKey.PublicKey.ToBase64().ShouldBe(Block("ledger-public-key"));
    }

    [Fact]
    public void the_payload_canonical_form_and_hash()
    {
        using var payload = Strict("payload");

        Utf8(CanonicalJson.Canonicalize(payload.RootElement)).ShouldBe(Block("payload-canonical"));
        Utf8(PayloadHash.HashInput(payload.RootElement)).ShouldBe("acgs:payload:v1\n" + Block("payload-canonical"));
        PayloadHash.Compute(payload.RootElement).ShouldBe(Block("payload-hash"));
    }

    [Fact]
    public void the_submission_canonical_form_and_signature()
    {
        using var actorKey = ActorKey();
        var submission = ExampleSubmission();
        using var asSent = Strict("submission");

        submission.PayloadHash.ShouldBe(Block("payload-hash"));
        submission.KeyId.ShouldBe(actorKey.KeyId);
        Utf8(CanonicalJson.Canonicalize(asSent.RootElement)).ShouldBe(Block("submission-canonical"));
        Utf8(CanonicalJson.Serialize(submission)).ShouldBe(Block("submission-canonical"));
        Utf8(submission.SigningInput()).ShouldBe("acgs:submission:v1\n" + Block("submission-canonical"));
        submission.Sign(actorKey).ShouldBe(Block("submission-signature"));
        submission.VerifySignature(VerificationKey.Parse(Block("actor-public-key")), Block("submission-signature")).ShouldBeTrue();
    }

    [Fact]
    public void the_request_carries_the_payload_the_submission_and_its_signature()
    {
        using var request = Strict("request");
        using var payload = Strict("payload");
        using var submission = Strict("submission");
        var root = request.RootElement;

        root.EnumerateObject().Select(member => member.Name).ShouldBe(new[] { "submission", "payload", "signature" });
        CanonicalJson.Canonicalize(root.GetProperty("payload")).ShouldBe(CanonicalJson.Canonicalize(payload.RootElement));
        CanonicalJson.Canonicalize(root.GetProperty("submission")).ShouldBe(CanonicalJson.Canonicalize(submission.RootElement));
        root.GetProperty("signature").GetString().ShouldBe(Block("submission-signature"));
    }

    [Fact]
    public void the_genesis_link()
    {
        GenesisLink.Compute(LedgerId, StreamId).ShouldBe(Block("genesis-link"));
        Utf8(GenesisLink.HashInput(LedgerId, StreamId))
            .ShouldBe("acgs:genesis-link:v1\n3f2c9a4e-7b1d-4e8a-9c6f-2d5b8e1a7c30\n5d9e2a7c-4f1b-4c8d-b6e3-9a2f7c1d4e85");
    }

    [Fact]
    public void the_seal_input_and_event_hash()
    {
        var input = ExampleSealInput();

        Utf8(CanonicalJson.Serialize(input)).ShouldBe(Block("seal-input-canonical"));
        Utf8(input.HashInput()).ShouldBe("acgs:event:v1\n" + Block("seal-input-canonical"));
        input.ComputeHash().ShouldBe(Block("event-hash"));
    }

    [Fact]
    public void the_seal_header()
    {
        var seal = EventSeal.Create(ExampleSealInput());

        seal.ToHeaderText().ShouldBe(Block("seal-header"));
        EventSeal.TryParse(Block("seal-header"), out var parsed, out var problem).ShouldBeTrue(problem);
        parsed.ShouldBe(seal);
        parsed.HashMatches().ShouldBeTrue();
        parsed.Hash.ShouldBe(Block("event-hash"));
    }

    [Fact]
    public void the_receipt()
    {
        using var ledgerKey = LedgerKey();
        var receipt = new Receipt(LedgerId, Block("event-hash"), StreamId, 1, RecordedAt);

        Utf8(CanonicalJson.Serialize(receipt)).ShouldBe(Block("receipt-canonical"));
        Utf8(receipt.SigningInput()).ShouldBe("acgs:receipt:v1\n" + Block("receipt-canonical"));
        receipt.Sign(ledgerKey).ShouldBe(Block("receipt-signature"));
        receipt.VerifySignature(VerificationKey.Parse(Block("ledger-public-key")), Block("receipt-signature")).ShouldBeTrue();
    }

    [Fact]
    public void the_proof_of_possession()
    {
        using var actorKey = ActorKey();
        var proof = ProofOfPossession.For(LedgerId, ActorId, actorKey.PublicKey);

        Utf8(CanonicalJson.Serialize(proof)).ShouldBe(Block("pop-canonical"));
        Utf8(proof.SigningInput()).ShouldBe("acgs:pop:v1\n" + Block("pop-canonical"));
        proof.Sign(actorKey).ShouldBe(Block("pop-signature"));
        proof.VerifySignature(Block("pop-signature")).ShouldBeTrue();
    }

    // Recomputed from SHA-256 and Ed25519 alone, following PROTOCOL.md §7.1 and §7.3 to the letter.
    [Fact]
    public void the_leaf_hash_and_checkpoint()
    {
        using var ledgerKey = LedgerKey();
        var leafHash = SHA256.HashData([0x00, .. Convert.FromHexString(Block("event-hash"))]);
        var body = $"{Origin}\n1\n{Convert.ToBase64String(leafHash)}\n";
        var noteKeyId = SHA256.HashData([.. Encoding.UTF8.GetBytes(Origin), 0x0A, 0x01, .. ledgerKey.PublicKey.RawBytes])[..4];
        var signature = ledgerKey.Sign(Encoding.UTF8.GetBytes(body));

        Convert.ToHexStringLower(leafHash).ShouldBe(Block("leaf-hash"));
        Block("ledger-verifier-key").ShouldBe(
            $"{Origin}+{Convert.ToHexStringLower(noteKeyId)}+{Convert.ToBase64String([0x01, .. ledgerKey.PublicKey.RawBytes])}");
        (Block("checkpoint") + "\n").ShouldBe($"{body}\n\u2014 {Origin} {Convert.ToBase64String([.. noteKeyId, .. signature])}\n");
    }
}
