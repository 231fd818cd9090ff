using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Amendments.Voting;

// A Council member frozen into the proposal votes once, with a reason, before the deadline. The
// vote's own transaction enrolls an evaluation, so the System actor ratifies as soon as the
// quorum and threshold are met.
public sealed class CastVote : GovernanceAct<AmendmentVoteCast>
{
    public override string Type => EventTypes.AmendmentVoteCast;

    public override string? Authorize(ActorState signer, Submission submission) => AmendmentRules.RequireCouncil(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, AmendmentVoteCast payload, CancellationToken token)
    {
        var amendment = await AmendmentRules.LoadAsync(context, token);
        var constitution = amendment is null ? null : await AmendmentRules.LoadConstitutionAsync(context, amendment.ConstitutionId, token);
        return Decide(context.Submission, amendment, constitution, payload, context.Now);
    }

    public static ActOutcome Decide(Submission submission, AmendmentState? amendment, ConstitutionState? constitution, AmendmentVoteCast payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(payload);
        if (amendment is null)
        {
            return ActOutcome.Reject(SubmissionRejection.NotFound($"no amendment {submission.StreamId}"));
        }
        var problem = (payload.AmendmentId == submission.StreamId ? null : SubmissionRejection.Invalid($"amendmentId {payload.AmendmentId} is not the submission's stream {submission.StreamId}"))
            ?? (payload.VoterId == submission.ActorId ? null : SubmissionRejection.Invalid("voterId must be the submitting actor"))
            ?? (payload.Reason.Length > AmendmentRules.MaxReasonLength || string.IsNullOrWhiteSpace(payload.Reason)
                ? SubmissionRejection.Invalid($"reason: 1 to {AmendmentRules.MaxReasonLength} characters, not blank") : null)
            ?? (Enum.IsDefined(payload.Choice) ? null : SubmissionRejection.Invalid("choice: for, against or abstain"))
            ?? AmendmentRules.CheckOpen(amendment)
            ?? (amendment.Version == submission.ExpectedVersion ? null
                : SubmissionRejection.VersionConflict($"amendment {amendment.Id} is at version {amendment.Version}, not {submission.ExpectedVersion}"))
            ?? (amendment.Voters.Contains(payload.VoterId) ? null : SubmissionRejection.NotEligible(payload.VoterId))
            ?? (amendment.HasVoted(payload.VoterId) ? SubmissionRejection.AlreadyVoted(payload.VoterId) : null)
            ?? (now < amendment.Deadline ? null : SubmissionRejection.WindowClosed(amendment.Deadline))
            ?? (constitution is not null && constitution.Version == amendment.BaseVersion ? null
                : SubmissionRejection.Rebase($"the amendment was proposed against version {amendment.BaseVersion}; the constitution is at {constitution?.Version}"));
        return problem is null
            ? ActOutcome.Accept(payload) with { Messages = [new OutboxMessage(new EvaluateAmendment(amendment.Id))] }
            : ActOutcome.Reject(problem);
    }
}
