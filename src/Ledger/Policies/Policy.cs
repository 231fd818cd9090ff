namespace Acgs.Ledger.Policies;

// Who or what produced a policy's source: the synthesis service's generator and, when a model was
// involved, which one and the hash of what it was given.
public sealed record GeneratorProvenance(string Name, string Version, string? Model = null, string? InputHash = null);

public enum VerificationVerdict
{
    Passed,
    Failed,
}

// A policy derived by GS from a ratified amendment. The first synthesis starts the policy's
// stream; a resynthesis on the same stream replaces the source and voids every earlier result.
// `supersedes` names an active policy this one replaces once activated.
public sealed record PolicySynthesized(
    Guid PolicyId,
    Guid AmendmentId,
    string Name,
    string Language,
    string Source,
    string SourceHash,
    GeneratorProvenance Generator,
    Guid? Supersedes = null);

// FV's verdict on one source hash.
public sealed record PolicyVerificationRecorded(
    Guid PolicyId,
    string SourceHash,
    VerificationVerdict Verdict,
    IReadOnlyList<string> Properties,
    string Tool,
    string ToolVersion,
    string ArtifactHash);

// PGC's compilation of one source hash.
public sealed record PolicyCompiled(
    Guid PolicyId,
    string SourceHash,
    string Target,
    string ArtifactHash,
    string Compiler,
    string CompilerVersion);

public sealed record PolicyActivated(Guid PolicyId, string SourceHash);

public sealed record PolicyRevoked(Guid PolicyId, string Reason);

// Derived by the System actor when the policy that supersedes this one is activated; `causes` is
// that activation's hash (DESIGN §4.5).
public sealed record PolicySuperseded(Guid PolicyId, Guid SupersededBy, IReadOnlyList<string> Causes);

public enum PolicyStatus
{
    Synthesized,
    Active,
    Revoked,
    Superseded,
}

public sealed record RecordedVerification(VerificationVerdict Verdict, string Tool, string ToolVersion, string ArtifactHash);

public sealed record RecordedCompilation(string Target, string ArtifactHash);

// A policy as its stream says: the current source hash and only the results that name it (a
// resynthesis voids the earlier ones). The source itself stays in its event; decisions need its hash.
public sealed record PolicyState(
    Guid Id,
    Guid AmendmentId,
    string SourceHash,
    IReadOnlyList<RecordedVerification> Verifications,
    IReadOnlyList<RecordedCompilation> Compilations,
    PolicyStatus Status,
    long Version,
    Guid? Supersedes = null,
    Guid? SupersededBy = null)
{
    public bool IsClosed() => Status is PolicyStatus.Revoked or PolicyStatus.Superseded;

    public static PolicyState Create(PolicySynthesized synthesized) =>
        new(synthesized.PolicyId, synthesized.AmendmentId, synthesized.SourceHash, [], [], PolicyStatus.Synthesized, 1, synthesized.Supersedes);

    public PolicyState Apply(PolicySynthesized synthesized) => this with
    {
        SourceHash = synthesized.SourceHash,
        Supersedes = synthesized.Supersedes,
        Verifications = [],
        Compilations = [],
        Version = Version + 1,
    };

    public PolicyState Apply(PolicyVerificationRecorded recorded) => this with
    {
        Verifications = [.. Verifications, new RecordedVerification(recorded.Verdict, recorded.Tool, recorded.ToolVersion, recorded.ArtifactHash)],
        Version = Version + 1,
    };

    public PolicyState Apply(PolicyCompiled compiled) => this with
    {
        Compilations = [.. Compilations, new RecordedCompilation(compiled.Target, compiled.ArtifactHash)],
        Version = Version + 1,
    };

    public PolicyState Apply(PolicyActivated activated) => this with { Status = PolicyStatus.Active, Version = Version + 1 };

    public PolicyState Apply(PolicyRevoked revoked) => this with { Status = PolicyStatus.Revoked, Version = Version + 1 };

    public PolicyState Apply(PolicySuperseded superseded) =>
        this with { Status = PolicyStatus.Superseded, SupersededBy = superseded.SupersededBy, Version = Version + 1 };
}

// A durable Wolverine message sent with an activation: look at the activated policy and supersede
// what its synthesis names. It carries no authority; the System actor decides from the sealed stream.
public sealed record SupersedePolicy(Guid ActivatedPolicyId);
