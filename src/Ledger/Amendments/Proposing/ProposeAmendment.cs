using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Amendments.Proposing;

// A Proposer (or Council member) proposes changes against the current constitution. The signed
// payload fixes the voters (the Council now) and the deadline (submittedAt + the voting window), so
// the decision only confirms them; the deadline timer is enrolled in the same transaction.
public sealed class ProposeAmendment : GovernanceAct<AmendmentProposed>
{
    public override string Type => EventTypes.AmendmentProposed;

    public override string? Authorize(ActorState signer, Submission submission) => AmendmentRules.RequireProposer(signer);

    protected override async Task<ActOutcome> DecideAsync(ActContext context, AmendmentProposed payload, CancellationToken token)
    {
        var constitution = await AmendmentRules.LoadConstitutionAsync(context, payload.ConstitutionId, token);
        var council = await AmendmentRules.LoadCouncilAsync(context.Session, token);
        return Decide(context.Submission, constitution, council, payload);
    }

    public static ActOutcome Decide(Submission submission, ConstitutionState? constitution, IReadOnlyList<Guid> council, AmendmentProposed payload)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(council);
        ArgumentNullException.ThrowIfNull(payload);
        if (submission.ExpectedVersion != 0)
        {
            return ActOutcome.Reject(SubmissionRejection.Invalid("a proposal starts a new amendment stream: expectedVersion is 0"));
        }
        if (constitution is null)
        {
            return ActOutcome.Reject(SubmissionRejection.NotFound($"no constitution {payload.ConstitutionId}"));
        }
        if (payload.BaseVersion != constitution.Version)
        {
            return ActOutcome.Reject(SubmissionRejection.Rebase($"baseVersion {payload.BaseVersion} is not the constitution's current version {constitution.Version}"));
        }
        var deadline = submission.SubmittedAt.AddSeconds(constitution.MetaRules.VotingWindowSeconds);
        var problem = (payload.AmendmentId == submission.StreamId ? null : $"amendmentId {payload.AmendmentId} is not the submission's stream {submission.StreamId}")
            ?? (payload.ProposedBy == submission.ActorId ? null : "proposedBy must be the submitting actor")
            ?? CheckText("title", payload.Title, AmendmentRules.MaxTitleLength)
            ?? CheckText("rationale", payload.Rationale, AmendmentRules.MaxRationaleLength)
            ?? (payload.Changes.Count is >= 1 and <= AmendmentRules.MaxChanges ? null : $"changes: 1 to {AmendmentRules.MaxChanges}")
            ?? ConstitutionRules.CheckChanges(constitution.Principles, constitution.MetaRules, payload.Changes, council.Count)
            ?? CheckVoters(payload.Voters, council)
            ?? (constitution.MetaRules.Quorum <= council.Count ? null : $"the quorum {constitution.MetaRules.Quorum} is larger than the Council ({council.Count} members)")
            ?? (payload.Deadline == deadline ? null : $"deadline must be submittedAt + the voting window ({constitution.MetaRules.VotingWindowSeconds} s): {LedgerTimestamp.Format(deadline)}");
        if (problem is not null)
        {
            return ActOutcome.Reject(SubmissionRejection.Invalid(problem));
        }
        return ActOutcome.Accept(payload) with { Messages = [new OutboxMessage(new EvaluateAmendment(payload.AmendmentId), payload.Deadline)] };
    }

    private static string? CheckVoters(IReadOnlyList<Guid> voters, IReadOnlyList<Guid> council)
    {
        var frozen = voters.ToHashSet();
        return frozen.Count == voters.Count && frozen.SetEquals(council)
            ? null
            : $"voters must be exactly the current Council, each once ({council.Count} members: {string.Join(", ", council)})";
    }

    private static string? CheckText(string member, string value, int maxLength) =>
        value.Length > maxLength || string.IsNullOrWhiteSpace(value) ? $"{member}: 1 to {maxLength} characters, not blank" : null;
}
