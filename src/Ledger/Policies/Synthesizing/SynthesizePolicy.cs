using System.Text;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Policies.Synthesizing;

// GS derives a policy from a ratified amendment. The first synthesis starts the policy's stream; a
// resynthesis on the same stream replaces the source and voids every result recorded for the old
// one. An active policy is not resynthesized: its replacement is a new policy that supersedes it,
// so that the source in force changes only through an activation.
public sealed class SynthesizePolicy : GovernanceAct<PolicySynthesized>
{
    public override string Type => EventTypes.PolicySynthesized;

    public override string? Authorize(ActorState signer, Submission submission) =>
        signer.Has(Role.Synthesizer) ? null : "only a Synthesizer (GS) may synthesize a policy";

    protected override async Task<ActOutcome> DecideAsync(ActContext context, PolicySynthesized payload, CancellationToken token)
    {
        var policy = await PolicyRules.LoadAsync(context, context.Submission.StreamId, token);
        var amendment = await context.Session.Events.FetchLatest<AmendmentState>(payload.AmendmentId, token);
        var superseded = payload.Supersedes is { } supersedes ? await PolicyRules.LoadAsync(context, supersedes, token) : null;
        return Decide(context.Submission, policy, amendment, superseded, payload);
    }

    public static ActOutcome Decide(Submission submission, PolicyState? policy, AmendmentState? amendment, PolicyState? superseded, PolicySynthesized payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = CheckStream(submission, policy, payload)
            ?? ActorRules.CheckText("name", payload.Name, PolicyRules.MaxNameLength)
            ?? (PolicyRules.Languages.Contains(payload.Language) ? null
                : SubmissionRejection.Invalid($"language: one of {string.Join(", ", PolicyRules.Languages.Order(StringComparer.Ordinal))}"))
            ?? CheckSource(payload.Source, payload.SourceHash)
            ?? CheckGenerator(payload.Generator)
            ?? CheckAmendment(payload.AmendmentId, amendment)
            ?? CheckSupersedes(payload, superseded);
        return problem is null ? ActOutcome.Accept(payload) : ActOutcome.Reject(problem);
    }

    private static SubmissionRejection? CheckStream(Submission submission, PolicyState? policy, PolicySynthesized payload)
    {
        if (submission.ExpectedVersion == 0)
        {
            if (policy is not null)
            {
                return SubmissionRejection.VersionConflict($"policy {policy.Id} exists at version {policy.Version}: a resynthesis names that version");
            }
            return payload.PolicyId == submission.StreamId
                ? null
                : SubmissionRejection.Invalid($"policyId {payload.PolicyId} is not the submission's stream {submission.StreamId}");
        }
        if (policy is null)
        {
            return PolicyRules.NotFound(submission.StreamId);
        }
        return PolicyRules.CheckCurrent(submission, policy, payload.PolicyId)
            ?? (policy.Status == PolicyStatus.Active
                ? SubmissionRejection.Invalid($"policy {policy.Id} is active: synthesize a new policy that supersedes it") : null)
            ?? (payload.AmendmentId == policy.AmendmentId ? null
                : SubmissionRejection.Invalid($"a resynthesis derives from the policy's own amendment {policy.AmendmentId}, not {payload.AmendmentId}"))
            ?? (string.Equals(payload.SourceHash, policy.SourceHash, StringComparison.Ordinal)
                ? SubmissionRejection.Invalid("a resynthesis changes the source: this one is the current source") : null);
    }

    // The hash is over the source's UTF-8 bytes, as FV and PGC will read them.
    private static SubmissionRejection? CheckSource(string source, string sourceHash)
    {
        if (string.IsNullOrWhiteSpace(source) || Encoding.UTF8.GetByteCount(source) > PolicyRules.MaxSourceBytes)
        {
            return SubmissionRejection.Invalid($"source: 1 to {PolicyRules.MaxSourceBytes} bytes of UTF-8, not blank");
        }
        return PolicyRules.CheckHash("sourceHash", sourceHash)
            ?? (string.Equals(Sha256Hex.Of(Encoding.UTF8.GetBytes(source)), sourceHash, StringComparison.Ordinal)
                ? null
                : SubmissionRejection.Invalid("sourceHash is not the SHA-256 of the source's UTF-8 bytes"));
    }

    private static SubmissionRejection? CheckGenerator(GeneratorProvenance generator) =>
        ActorRules.CheckText("generator.name", generator.Name, PolicyRules.MaxNameLength)
        ?? ActorRules.CheckText("generator.version", generator.Version, PolicyRules.MaxVersionLength)
        ?? (generator.Model is { } model ? ActorRules.CheckText("generator.model", model, PolicyRules.MaxNameLength) : null)
        ?? (generator.InputHash is { } inputHash ? PolicyRules.CheckHash("generator.inputHash", inputHash) : null);

    private static SubmissionRejection? CheckAmendment(Guid amendmentId, AmendmentState? amendment)
    {
        if (amendment is null)
        {
            return SubmissionRejection.NotFound($"no amendment {amendmentId}");
        }
        return amendment.Status == AmendmentStatus.Ratified
            ? null
            : SubmissionRejection.Invalid($"amendment {amendmentId} is {amendment.Status.ToString().ToLowerInvariant()}: policies derive from ratified amendments only");
    }

    private static SubmissionRejection? CheckSupersedes(PolicySynthesized payload, PolicyState? superseded)
    {
        if (payload.Supersedes is not { } supersedes)
        {
            return null;
        }
        if (supersedes == payload.PolicyId)
        {
            return SubmissionRejection.Invalid("a policy cannot supersede itself");
        }
        if (superseded is null)
        {
            return PolicyRules.NotFound(supersedes);
        }
        return superseded.Status == PolicyStatus.Active
            ? null
            : SubmissionRejection.Invalid($"policy {supersedes} is {superseded.Status.ToString().ToLowerInvariant()}: only an active policy is superseded");
    }
}
