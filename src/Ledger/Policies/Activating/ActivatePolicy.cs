using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Policies.Activating;

// An Admin puts a policy in force, and only the source that was both verified and compiled: the
// services that write, check and build a policy (GS, FV, PGC) never activate their own work. A failed
// verification of the current source blocks activation even beside a passing one: some property
// that was checked does not hold. When the policy supersedes another, the activation's own
// transaction enrolls the message that has the System actor supersede it.
public sealed class ActivatePolicy : GovernanceAct<PolicyActivated>
{
    public override string Type => EventTypes.PolicyActivated;

    public override string? Authorize(ActorState signer, Submission submission) =>
        signer.Has(Role.Admin) ? null : "only an Admin may activate a policy";

    protected override async Task<ActOutcome> DecideAsync(ActContext context, PolicyActivated payload, CancellationToken token) =>
        Decide(context.Submission, await PolicyRules.LoadAsync(context, context.Submission.StreamId, token), payload);

    public static ActOutcome Decide(Submission submission, PolicyState? policy, PolicyActivated payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (policy is null)
        {
            return ActOutcome.Reject(PolicyRules.NotFound(submission.StreamId));
        }
        var problem = PolicyRules.CheckCurrent(submission, policy, payload.PolicyId)
            ?? (policy.Status == PolicyStatus.Active ? SubmissionRejection.Invalid($"policy {policy.Id} is active already") : null)
            ?? PolicyRules.CheckSourceHash(policy, payload.SourceHash)
            ?? CheckReady(policy);
        if (problem is not null)
        {
            return ActOutcome.Reject(problem);
        }
        return policy.Supersedes is null
            ? ActOutcome.Accept(payload)
            : ActOutcome.Accept(payload) with { Messages = [new OutboxMessage(new SupersedePolicy(policy.Id))] };
    }

    private static SubmissionRejection? CheckReady(PolicyState policy)
    {
        if (policy.Verifications.Any(verification => verification.Verdict == VerificationVerdict.Failed))
        {
            return SubmissionRejection.PolicyNotReady($"a verification of source {policy.SourceHash} failed");
        }
        if (!policy.Verifications.Any(verification => verification.Verdict == VerificationVerdict.Passed))
        {
            return SubmissionRejection.PolicyNotReady($"no passing verification names source {policy.SourceHash}");
        }
        return policy.Compilations.Count == 0
            ? SubmissionRejection.PolicyNotReady($"no compilation names source {policy.SourceHash}")
            : null;
    }
}
