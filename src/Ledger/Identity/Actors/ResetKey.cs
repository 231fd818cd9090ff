using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Ledger.Identity.Actors;

// A lost key is replaced by Admins, not by its owner: one Admin proposes the new key (with proof of
// possession by its holder), and, once the ledger has two active Admins, a different Admin approves
// it. The key changes only at approval.
public sealed class ProposeKeyReset : GovernanceAct<ActorKeyResetProposed>
{
    public override string Type => EventTypes.ActorKeyResetProposed;

    public override string? Authorize(ActorState signer, Submission submission) => ActorRules.RequireAdmin(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, ActorKeyResetProposed payload, CancellationToken token) =>
        Decide(context.LedgerId, context.Submission, await ActorStreams.LoadAsync(context, token), payload);

    public static ActOutcome Decide(Guid ledgerId, Submission submission, ActorState? target, ActorKeyResetProposed payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = ActorStreams.CheckCurrent(submission, target)
            ?? ActorRules.CheckTarget(submission, payload.ActorId)
            ?? (payload.ProposedBy == submission.ActorId ? null : SubmissionRejection.Invalid("proposedBy is the submitting Admin"))
            ?? (target!.Has(Role.System) ? SubmissionRejection.Forbidden("the System key is replaced only by a new genesis") : null)
            ?? ActorRules.CheckText("reason", payload.Reason, ActorRules.MaxReasonLength)
            ?? ActorRules.CheckNewKey(ledgerId, payload.ActorId, payload.PublicKey, payload.ProofOfPossession);
        return problem is null
            ? ActOutcome.Accept(payload, ActorRules.LockActor(payload.ActorId, submission.ExpectedVersion))
            : ActOutcome.Reject(problem);
    }
}

public sealed class ApproveKeyReset : GovernanceAct<ActorKeyResetApproved>
{
    public override string Type => EventTypes.ActorKeyResetApproved;

    public override string? Authorize(ActorState signer, Submission submission) => ActorRules.RequireAdmin(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, ActorKeyResetApproved payload, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = await ActorStreams.LoadAsync(context, token);
        var admins = await CountActiveAdminsAsync(context.Session, token);
        return Decide(context.Submission, target, admins, payload);
    }

    public static ActOutcome Decide(Submission submission, ActorState? target, long activeAdmins, ActorKeyResetApproved payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = ActorStreams.CheckCurrent(submission, target)
            ?? ActorRules.CheckTarget(submission, payload.ActorId)
            ?? (payload.ApprovedBy == submission.ActorId ? null : SubmissionRejection.Invalid("approvedBy is the submitting Admin"));
        if (problem is not null)
        {
            return ActOutcome.Reject(problem);
        }
        if (target!.PendingReset is not { } reset || reset.ResetId != payload.ResetId)
        {
            return ActOutcome.Reject(SubmissionRejection.Invalid($"no pending key reset {payload.ResetId} for actor {target.Id}"));
        }
        if (activeAdmins >= 2 && reset.ProposedBy == submission.ActorId)
        {
            return ActOutcome.Reject(SubmissionRejection.Forbidden("a key reset is approved by a different Admin than the one who proposed it"));
        }
        return ActOutcome.Accept(payload, ActorRules.LockActor(payload.ActorId, submission.ExpectedVersion), ActorRules.ReserveKey(payload.ActorId, reset.PublicKey));
    }

    private static async Task<long> CountActiveAdminsAsync(IQuerySession session, CancellationToken token)
    {
        var counts = await session.AdvancedSql.QueryAsync<long>(
            $"select count(*) from {LedgerSchema.Schema}.mt_doc_actorstate where data -> 'roles' @> '[\"admin\"]'::jsonb and not (data ->> 'suspended')::boolean",
            token);
        return counts.Single();
    }
}
