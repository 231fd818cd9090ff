using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Policies.Verifying;

// FV records its verdict on the source it verified, named by hash: a verdict on any source but the
// current one would vouch for code that is no longer the policy's.
public sealed class RecordVerification : GovernanceAct<PolicyVerificationRecorded>
{
    public override string Type => EventTypes.PolicyVerificationRecorded;

    public override string? Authorize(ActorState signer, Submission submission) =>
        signer.Has(Role.Verifier) ? null : "only a Verifier (FV) may record a verification";

    protected override async Task<ActOutcome> DecideAsync(ActContext context, PolicyVerificationRecorded payload, CancellationToken token) =>
        Decide(context.Submission, await PolicyRules.LoadAsync(context, context.Submission.StreamId, token), payload);

    public static ActOutcome Decide(Submission submission, PolicyState? policy, PolicyVerificationRecorded payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (policy is null)
        {
            return ActOutcome.Reject(PolicyRules.NotFound(submission.StreamId));
        }
        var problem = PolicyRules.CheckCurrent(submission, policy, payload.PolicyId)
            ?? (Enum.IsDefined(payload.Verdict) ? null : SubmissionRejection.Invalid("verdict: passed or failed"))
            ?? CheckProperties(payload.Properties)
            ?? ActorRules.CheckText("tool", payload.Tool, PolicyRules.MaxNameLength)
            ?? ActorRules.CheckText("toolVersion", payload.ToolVersion, PolicyRules.MaxVersionLength)
            ?? PolicyRules.CheckHash("artifactHash", payload.ArtifactHash)
            ?? PolicyRules.CheckSourceHash(policy, payload.SourceHash)
            ?? PolicyRules.CheckResultRoom(policy.Verifications.Count);
        return problem is null ? ActOutcome.Accept(payload) : ActOutcome.Reject(problem);
    }

    // A verdict says which properties it is about; "passed" on nothing would vouch for nothing.
    private static SubmissionRejection? CheckProperties(IReadOnlyList<string> properties)
    {
        if (properties.Count is 0 or > PolicyRules.MaxProperties)
        {
            return SubmissionRejection.Invalid($"properties: 1 to {PolicyRules.MaxProperties}");
        }
        if (properties.Distinct(StringComparer.Ordinal).Count() != properties.Count)
        {
            return SubmissionRejection.Invalid("properties: each property once");
        }
        return properties.Select((property, index) => ActorRules.CheckText($"properties[{index}]", property, PolicyRules.MaxPropertyLength))
            .FirstOrDefault(problem => problem is not null);
    }
}
