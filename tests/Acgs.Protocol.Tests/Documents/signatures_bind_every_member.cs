using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Documents;

public class signatures_bind_every_member
{
    public static TheoryData<string> SubmissionChanges => new(
        "ledgerId", "submissionId", "actorId", "submittedAt", "type", "streamId", "expectedVersion", "payloadHash");

    private static Submission Changed(Submission submission, string member) => member switch
    {
        "ledgerId" => submission with { LedgerId = Guid.NewGuid() },
        "submissionId" => submission with { SubmissionId = Guid.NewGuid() },
        "actorId" => submission with { ActorId = Guid.NewGuid() },
        "submittedAt" => submission with { SubmittedAt = submission.SubmittedAt.AddMilliseconds(1) },
        "type" => submission with { Type = "AmendmentWithdrawn" },
        "streamId" => submission with { StreamId = Guid.NewGuid() },
        "expectedVersion" => submission with { ExpectedVersion = 1 },
        "payloadHash" => submission with { PayloadHash = new string('0', 64) },
        _ => throw new ArgumentOutOfRangeException(nameof(member)),
    };

    [Theory]
    [MemberData(nameof(SubmissionChanges))]
    public void of_a_submission(string member)
    {
        using var actorKey = Example.ActorKey();
        var submission = Example.Submission(actorKey.KeyId);
        var signature = submission.Sign(actorKey);

        submission.VerifySignature(actorKey.PublicKey, signature).ShouldBeTrue();
        Changed(submission, member).VerifySignature(actorKey.PublicKey, signature).ShouldBeFalse();
    }

    [Fact]
    public void and_a_submission_is_judged_only_by_the_key_it_names()
    {
        using var actorKey = Example.ActorKey();
        using var otherKey = SigningKey.Generate();
        var submission = Example.Submission(actorKey.KeyId);
        var signature = submission.Sign(actorKey);
        var claimingOtherKey = submission with { KeyId = otherKey.KeyId };

        claimingOtherKey.VerifySignature(actorKey.PublicKey, signature).ShouldBeFalse();
        submission.VerifySignature(otherKey.PublicKey, signature).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => claimingOtherKey.Sign(actorKey)).ParamName.ShouldBe("actorKey");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("not base64")]
    public void and_a_malformed_signature_is_false_not_an_exception(string? signature)
    {
        using var actorKey = Example.ActorKey();

        Example.Submission(actorKey.KeyId).VerifySignature(actorKey.PublicKey, signature).ShouldBeFalse();
    }

    [Fact]
    public void of_a_receipt()
    {
        using var ledgerKey = Example.LedgerKey();
        var receipt = new Receipt(Example.LedgerId, new string('a', 64), Example.StreamId, 1, Example.At("2025-06-01T09:30:00.456Z"));
        var signature = receipt.Sign(ledgerKey);

        receipt.VerifySignature(ledgerKey.PublicKey, signature).ShouldBeTrue();
        (receipt with { LedgerId = Guid.NewGuid() }).VerifySignature(ledgerKey.PublicKey, signature).ShouldBeFalse();
        (receipt with { EventHash = new string('b', 64) }).VerifySignature(ledgerKey.PublicKey, signature).ShouldBeFalse();
        (receipt with { StreamId = Guid.NewGuid() }).VerifySignature(ledgerKey.PublicKey, signature).ShouldBeFalse();
        (receipt with { Version = 2 }).VerifySignature(ledgerKey.PublicKey, signature).ShouldBeFalse();
        (receipt with { RecordedAt = receipt.RecordedAt.AddMilliseconds(1) }).VerifySignature(ledgerKey.PublicKey, signature).ShouldBeFalse();
    }

    [Fact]
    public void of_a_proof_of_possession()
    {
        using var newKey = Example.ActorKey();
        var proof = ProofOfPossession.For(Example.LedgerId, Guid.NewGuid(), newKey.PublicKey);
        var signature = proof.Sign(newKey);

        proof.VerifySignature(signature).ShouldBeTrue();
        (proof with { LedgerId = Guid.NewGuid() }).VerifySignature(signature).ShouldBeFalse();
        (proof with { ActorId = Guid.NewGuid() }).VerifySignature(signature).ShouldBeFalse();
    }

    [Fact]
    public void and_a_proof_of_possession_is_signed_by_the_key_it_names_only()
    {
        using var newKey = Example.ActorKey();
        using var otherKey = Example.LedgerKey();
        var proof = ProofOfPossession.For(Example.LedgerId, Guid.NewGuid(), newKey.PublicKey);
        var claimingOtherKey = proof with { PublicKey = otherKey.PublicKey.ToBase64() };

        claimingOtherKey.VerifySignature(proof.Sign(newKey)).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => claimingOtherKey.Sign(newKey)).ParamName.ShouldBe("newKey");
    }

    [Fact]
    public void and_a_proof_of_possession_for_a_weak_key_never_verifies()
    {
        var weak = new ProofOfPossession(Example.LedgerId, Guid.NewGuid(), Convert.ToBase64String(new byte[32]));

        weak.VerifySignature(Convert.ToBase64String(new byte[64])).ShouldBeFalse();
    }

    [Fact]
    public void of_the_ledger_genesis()
    {
        using var ledgerKey = Example.LedgerKey();
        using var adminKey = Example.ActorKey();
        var ledgerCreated = Example.Submission(adminKey.KeyId) with { Type = "LedgerCreated", StreamId = Example.LedgerId };
        var signature = LedgerGenesisSignature.Sign(ledgerKey, ledgerCreated);

        LedgerGenesisSignature.Verify(ledgerKey.PublicKey, ledgerCreated, signature).ShouldBeTrue();
        LedgerGenesisSignature.Verify(ledgerKey.PublicKey, ledgerCreated with { ExpectedVersion = 1 }, signature).ShouldBeFalse();
        LedgerGenesisSignature.Verify(adminKey.PublicKey, ledgerCreated, signature).ShouldBeFalse();
    }

    // One key signing two documents with the same JSON must give different signatures: the tag
    // line is what keeps a genesis signature from passing as the Admin's submission signature.
    [Fact]
    public void under_a_tag_that_keeps_purposes_apart()
    {
        using var key = Example.ActorKey();
        var submission = Example.Submission(key.KeyId);

        var asSubmission = submission.Sign(key);
        var asGenesis = LedgerGenesisSignature.Sign(key, submission);

        asGenesis.ShouldNotBe(asSubmission);
        submission.VerifySignature(key.PublicKey, asGenesis).ShouldBeFalse();
        LedgerGenesisSignature.Verify(key.PublicKey, submission, asSubmission).ShouldBeFalse();
    }
}
