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
