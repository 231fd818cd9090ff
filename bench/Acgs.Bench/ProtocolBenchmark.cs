using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using NSec.Cryptography;

namespace Acgs.Bench;

// What signing and checking a typical submission costs beyond Ed25519 itself: the client's
// canonicalise + hash + sign (payload JCS and SHA-256, submission JCS, tag, Ed25519) and the
// server's check (payload hash, submission JCS, base64, Ed25519 verify), each against NSec signing
// or verifying the very same bytes in the same run.
internal static class ProtocolBenchmark
{
    private static readonly Guid LedgerId = Guid.Parse("3f2c9a4e-7b1d-4e8a-9c6f-2d5b8e1a7c30");
    private static readonly Guid SubmissionId = Guid.Parse("c1a7e5d2-9b3f-4a6e-8d1c-7f2e4b9a5c63");
    private static readonly Guid ActorId = Guid.Parse("8e4b1f6a-2c9d-4b7e-a3f5-1d6c8e2a9b47");
    private static readonly Guid StreamId = Guid.Parse("5d9e2a7c-4f1b-4c8d-b6e3-9a2f7c1d4e85");
    private static readonly DateTimeOffset SubmittedAt = DateTimeOffset.Parse("2025-06-01T09:30:00.123Z", CultureInfo.InvariantCulture);

    private static object? sink;

    public static int Run(TextWriter output)
    {
        using var payloadDocument = JsonDocument.Parse(TypicalPayload());
        var payload = payloadDocument.RootElement;
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        using var actorKey = SigningKey.FromSeed(seed);
        using var nsecKey = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var nsecPublicKey = nsecKey.PublicKey;

        Submission NewSubmission() =>
            new(LedgerId, SubmissionId, ActorId, actorKey.KeyId, SubmittedAt, "AmendmentProposed", StreamId, 0, PayloadHash.Compute(payload));

        var submission = NewSubmission();
        var signingInput = submission.SigningInput();
        var signature = submission.Sign(actorKey);
        var signatureBytes = Convert.FromBase64String(signature);
        var signatureBuffer = new byte[VerificationKey.SignatureSize];
        if (!PayloadHash.Matches(payload, submission.PayloadHash) || !submission.VerifySignature(actorKey.PublicKey, signature))
        {
            output.WriteLine("the submission does not verify; nothing measured");
            return 1;
        }

        output.WriteLine($"payload: {CanonicalJson.Canonicalize(payload).Length} bytes canonical; submission signing input: {signingInput.Length} bytes");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"harness: {Harness.WarmUp.TotalSeconds:0.#} s warm-up, {Harness.Rounds} rounds of {Harness.Round.TotalSeconds:0.#} s, raw and ledger rounds alternating; medians"));

        var signing = Harness.Compare(
            () => SignatureAlgorithm.Ed25519.Sign(nsecKey, signingInput, signatureBuffer),
            () => sink = NewSubmission().Sign(actorKey));
        var verifying = Harness.Compare(
            () => sink = SignatureAlgorithm.Ed25519.Verify(nsecPublicKey, signingInput, signatureBytes),
            () => sink = PayloadHash.Matches(payload, submission.PayloadHash) && submission.VerifySignature(actorKey.PublicKey, signature));
        var payloadHash = Harness.MedianOpsPerSecond(() => sink = PayloadHash.Compute(payload));
        var submissionCanonical = Harness.MedianOpsPerSecond(() => sink = submission.SigningInput());
        var hashInput = PayloadHash.HashInput(payload);
        var digest = new byte[SHA256.HashSizeInBytes];
        var sha256Alone = Harness.MedianOpsPerSecond(() => sink = SHA256.HashData(hashInput, digest));

        output.WriteLine();
        output.WriteLine("| operation | ops/s (median) | µs/op | overhead vs raw NSec (median of pairs) |");
        output.WriteLine("|---|---:|---:|---:|");
        Row(output, "NSec Ed25519 sign (raw, same bytes)", signing.BaselineOpsPerSecond, null);
        Row(output, "canonicalise + hash + sign (client)", signing.CandidateOpsPerSecond, signing.MedianOverhead);
        Row(output, "NSec Ed25519 verify (raw, same bytes)", verifying.BaselineOpsPerSecond, null);
        Row(output, "payload hash check + verify (server)", verifying.CandidateOpsPerSecond, verifying.MedianOverhead);
        Row(output, "  of which: payload JCS + SHA-256", payloadHash, null);
        Row(output, "  of which: submission JCS + tag", submissionCanonical, null);
        Row(output, $"  SHA-256 alone of the {hashInput.Length}-byte payload hash input", sha256Alone, null);
        GC.KeepAlive(sink);
        return 0;
    }

    private static void Row(TextWriter output, string name, double opsPerSecond, double? overhead)
    {
        var shownOverhead = overhead is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0} %") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {opsPerSecond:N0} | {1_000_000 / opsPerSecond:0.0} | {shownOverhead} |"));
    }

    // An amendment proposal of about 1 KiB: three changes of prose, with some non-ASCII text.
    private static string TypicalPayload()
    {
        var changes = new JsonArray();
        for (var change = 1; change <= 3; change++)
        {
            changes.Add(new JsonObject
            {
                ["kind"] = "modify",
                ["principleId"] = $"p-{change}",
                ["text"] = $"Principle {change}: every automated decision that affects a person can be explained on request — " +
                           "in plain language, naming the policy version, the inputs that mattered and how to contest it; " +
                           "the explanation is kept with the decision («traçable», auditable).",
            });
        }

        var payload = new JsonObject
        {
            ["title"] = "Right to an explanation, restated",
            ["rationale"] = "Council review 2025-05: explanations were inconsistent across services.",
            ["baseConstitutionVersion"] = 3,
            ["changes"] = changes,
            ["deadline"] = "2025-06-15T12:00:00.000Z",
        };
        return payload.ToJsonString();
    }
}
