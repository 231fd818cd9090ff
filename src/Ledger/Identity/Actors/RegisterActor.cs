using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Identity.Actors;

// An Admin registers a new actor with its roles and public key; the key's holder has signed a proof
// of possession, so nobody can register a key they do not hold (or someone else's).
public sealed class RegisterActor : GovernanceAct<ActorRegistered>
{
    public override string Type => EventTypes.ActorRegistered;

    public override string? Authorize(ActorState signer, Submission submission) => ActorRules.RequireAdmin(signer);

    protected override Task<ActOutcome> DecideAsync(ActContext context, ActorRegistered payload, CancellationToken token) =>
        Task.FromResult(Decide(context.LedgerId, context.Submission, payload));

    public static ActOutcome Decide(Guid ledgerId, Submission submission, ActorRegistered payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (submission.ExpectedVersion != 0)
        {
            return ActOutcome.Reject(SubmissionRejection.Invalid("a registration starts a new actor stream: expectedVersion is 0"));
        }
        var problem = ActorRules.CheckTarget(submission, payload.ActorId)
            ?? ActorRules.CheckText("name", payload.Name, ActorRules.MaxNameLength)
            ?? ActorRules.CheckRoles(payload.Roles)
            ?? ActorRules.CheckNewKey(ledgerId, payload.ActorId, payload.PublicKey, payload.ProofOfPossession);
        return problem is null
            ? ActOutcome.Accept(payload, ActorRules.ReserveKey(payload.ActorId, payload.PublicKey))
            : ActOutcome.Reject(problem);
    }
}
