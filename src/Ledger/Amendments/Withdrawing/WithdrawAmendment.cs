using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Amendments.Withdrawing;

// Only the proposer withdraws, and only while the amendment is open.
public sealed class WithdrawAmendment : GovernanceAct<AmendmentWithdrawn>
{
    public override string Type => EventTypes.AmendmentWithdrawn;

    public override string? Authorize(ActorState signer, Submission submission) => null;

    protected override async Task<ActOutcome> DecideAsync(ActContext context, AmendmentWithdrawn payload, CancellationToken token) =>
        Decide(context.Submission, await AmendmentRules.LoadAsync(context, token), payload);

    public static ActOutcome Decide(Submission submission, AmendmentState? amendment, AmendmentWithdrawn payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (amendment is null)
        {
            return ActOutcome.Reject(SubmissionRejection.NotFound($"no amendment {submission.StreamId}"));
        }
        var problem = (payload.AmendmentId == submission.StreamId ? null : SubmissionRejection.Invalid($"amendmentId {payload.AmendmentId} is not the submission's stream {submission.StreamId}"))
            ?? (payload.WithdrawnBy == submission.ActorId ? null : SubmissionRejection.Invalid("withdrawnBy must be the submitting actor"))
            ?? (amendment.ProposedBy == submission.ActorId ? null : SubmissionRejection.Forbidden("only the proposer may withdraw an amendment"))
            ?? (payload.Reason.Length > AmendmentRules.MaxReasonLength || string.IsNullOrWhiteSpace(payload.Reason)
                ? SubmissionRejection.Invalid($"reason: 1 to {AmendmentRules.MaxReasonLength} characters, not blank") : null)
            ?? AmendmentRules.CheckOpen(amendment)
            ?? (amendment.Version == submission.ExpectedVersion ? null
                : SubmissionRejection.VersionConflict($"amendment {amendment.Id} is at version {amendment.Version}, not {submission.ExpectedVersion}"));
        return problem is null ? ActOutcome.Accept(payload) : ActOutcome.Reject(problem);
    }
}
