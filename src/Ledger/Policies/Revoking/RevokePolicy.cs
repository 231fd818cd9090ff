using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Policies.Revoking;

// An Admin or a Council member withdraws a policy, active or not yet active, for good: a revoked
// policy takes no further results, activation or resynthesis.
public sealed class RevokePolicy : GovernanceAct<PolicyRevoked>
{
    public override string Type => EventTypes.PolicyRevoked;

    public override string? Authorize(ActorState signer, Submission submission) =>
        signer.Has(Role.Admin) || signer.Has(Role.Council) ? null : "only an Admin or a Council member may revoke a policy";

    protected override async Task<ActOutcome> DecideAsync(ActContext context, PolicyRevoked payload, CancellationToken token) =>
        Decide(context.Submission, await PolicyRules.LoadAsync(context, context.Submission.StreamId, token), payload);

    public static ActOutcome Decide(Submission submission, PolicyState? policy, PolicyRevoked payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (policy is null)
        {
            return ActOutcome.Reject(PolicyRules.NotFound(submission.StreamId));
        }
        var problem = PolicyRules.CheckCurrent(submission, policy, payload.PolicyId)
            ?? ActorRules.CheckText("reason", payload.Reason, PolicyRules.MaxReasonLength);
        return problem is null ? ActOutcome.Accept(payload) : ActOutcome.Reject(problem);
    }
}
