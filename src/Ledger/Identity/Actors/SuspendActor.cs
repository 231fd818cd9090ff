using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Identity.Actors;

// Suspension and reinstatement share a route (`/suspension`) and differ by the submitted type.
public sealed class SuspendActor : GovernanceAct<ActorSuspended>
{
    public override string Type => EventTypes.ActorSuspended;

    public override string? Authorize(ActorState signer, Submission submission) => ActorRules.RequireAdmin(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, ActorSuspended payload, CancellationToken token) =>
        Decide(context.Submission, await ActorStreams.LoadAsync(context, token), payload);

    public static ActOutcome Decide(Submission submission, ActorState? target, ActorSuspended payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = ActorStreams.CheckCurrent(submission, target)
            ?? ActorRules.CheckTarget(submission, payload.ActorId)
            ?? ActorRules.CheckText("reason", payload.Reason, ActorRules.MaxReasonLength)
            ?? (target!.Suspended ? SubmissionRejection.Invalid("the actor is already suspended") : null)
            ?? (target.Has(Role.System) ? SubmissionRejection.Forbidden("the System actor cannot be suspended") : null);
        return problem is null
            ? ActOutcome.Accept(payload, ActorRules.LockActor(payload.ActorId, submission.ExpectedVersion))
            : ActOutcome.Reject(problem);
    }
}

public sealed class ReinstateActor : GovernanceAct<ActorReinstated>
{
    public override string Type => EventTypes.ActorReinstated;

    public override string? Authorize(ActorState signer, Submission submission) => ActorRules.RequireAdmin(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, ActorReinstated payload, CancellationToken token) =>
        Decide(context.Submission, await ActorStreams.LoadAsync(context, token), payload);

    public static ActOutcome Decide(Submission submission, ActorState? target, ActorReinstated payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = ActorStreams.CheckCurrent(submission, target)
            ?? ActorRules.CheckTarget(submission, payload.ActorId)
            ?? ActorRules.CheckText("reason", payload.Reason, ActorRules.MaxReasonLength)
            ?? (target!.Suspended ? null : SubmissionRejection.Invalid("the actor is not suspended"));
        return problem is null
            ? ActOutcome.Accept(payload, ActorRules.LockActor(payload.ActorId, submission.ExpectedVersion))
            : ActOutcome.Reject(problem);
    }
}
