using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Identity.Actors;

public sealed class ChangeRoles : GovernanceAct<ActorRolesChanged>
{
    public override string Type => EventTypes.ActorRolesChanged;

    public override string? Authorize(ActorState signer, Submission submission) => ActorRules.RequireAdmin(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, ActorRolesChanged payload, CancellationToken token) =>
        Decide(context.Submission, await ActorStreams.LoadAsync(context, token), payload);

    public static ActOutcome Decide(Submission submission, ActorState? target, ActorRolesChanged payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = ActorStreams.CheckCurrent(submission, target)
            ?? ActorRules.CheckTarget(submission, payload.ActorId)
            ?? (target!.Has(Role.System) ? SubmissionRejection.Forbidden("the System actor's roles are fixed at genesis") : null)
            ?? ActorRules.CheckRoles(payload.Roles);
        return problem is null
            ? ActOutcome.Accept(payload, ActorRules.LockActor(payload.ActorId, submission.ExpectedVersion))
            : ActOutcome.Reject(problem);
    }
}
