using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Identity.Actors;

// An actor replaces its own key: signed by the current key, with proof of possession of the next.
public sealed class RotateKey : GovernanceAct<ActorKeyRotated>
{
    public override string Type => EventTypes.ActorKeyRotated;

    public override string? Authorize(ActorState signer, Submission submission) =>
        signer.Id == submission.StreamId ? null : "only the actor itself rotates its key (a lost key is reset by Admins)";

    protected override async Task<ActOutcome> DecideAsync(ActContext context, ActorKeyRotated payload, CancellationToken token) =>
        Decide(context.LedgerId, context.Submission, await ActorStreams.LoadAsync(context, token), payload);

    public static ActOutcome Decide(Guid ledgerId, Submission submission, ActorState? target, ActorKeyRotated payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        var problem = ActorStreams.CheckCurrent(submission, target)
            ?? ActorRules.CheckTarget(submission, payload.ActorId)
            ?? ActorRules.CheckNewKey(ledgerId, payload.ActorId, payload.PublicKey, payload.ProofOfPossession);
        return problem is null
            ? ActOutcome.Accept(payload, ActorRules.LockActor(payload.ActorId, submission.ExpectedVersion), ActorRules.ReserveKey(payload.ActorId, payload.PublicKey))
            : ActOutcome.Reject(problem);
    }
}
