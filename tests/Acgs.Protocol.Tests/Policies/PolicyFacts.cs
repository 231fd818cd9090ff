using System.Text;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;

namespace Acgs.Protocol.Tests.Policies;

// Events and submissions as a policy's decisions see them, without a ledger.
internal static class PolicyFacts
{
    public const string Source = "package acgs\n\ndefault allow := false\n";
    public const string NextSource = "package acgs\n\ndefault allow := true\n";

    public static readonly Guid PolicyId = Guid.CreateVersion7();
    public static readonly Guid AmendmentId = Guid.CreateVersion7();
    public static readonly string ArtifactHash = Sha256Hex.Of("artifact"u8);

    public static string HashOf(string source) => Sha256Hex.Of(Encoding.UTF8.GetBytes(source));

    public static Submission SubmissionFor(Guid streamId, long expectedVersion) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), KeyId.Of(new byte[VerificationKey.Size]),
            DateTimeOffset.UnixEpoch, "policy-act", streamId, expectedVersion, ArtifactHash);

    public static PolicySynthesized Synthesis(string source = Source, Guid? policyId = null, Guid? supersedes = null) =>
        new(policyId ?? PolicyId, AmendmentId, "transparency", "rego", source, HashOf(source), new GeneratorProvenance("gs", "1.0"), supersedes);

    public static PolicyVerificationRecorded Verification(VerificationVerdict verdict, string source = Source) =>
        new(PolicyId, HashOf(source), verdict, ["no-unsigned-act"], "z3", "4.13", ArtifactHash);

    public static PolicyCompiled Compilation(string source = Source) => new(PolicyId, HashOf(source), "wasm", ArtifactHash, "opa", "1.4");

    public static AmendmentState Amendment(AmendmentStatus status) =>
        new(AmendmentId, Guid.CreateVersion7(), 1, Guid.CreateVersion7(), [], DateTimeOffset.UnixEpoch, [], status, 5);

    public static PolicyState Synthesized(string source = Source, Guid? supersedes = null) =>
        PolicyState.Create(Synthesis(source, supersedes: supersedes));

    public static PolicyState VerifiedAndCompiled(Guid? supersedes = null) =>
        Synthesized(supersedes: supersedes).Apply(Verification(VerificationVerdict.Passed)).Apply(Compilation());
}
