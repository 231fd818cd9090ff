using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Integrity.Verification;
using JasperFx;

namespace Acgs.Projections.Amendments;

public sealed record VoteView(Guid VoterId, VoteChoice Choice, string Reason);

public sealed record WithdrawalView(Guid WithdrawnBy, string Reason);

// An amendment with every vote cast, in stream order. The tally is the one the System actor recorded
// when it decided (the votes it counted, by their sealed recordedAt), never a count made here: a vote
// sealed after the deadline is listed but was not counted.
public sealed record AmendmentView(
    [property: Identity] Guid AmendmentId,
    Guid ConstitutionId,
    int BaseVersion,
    Guid ProposedBy,
    string Title,
    string Rationale,
    IReadOnlyList<AmendmentChange> Changes,
    IReadOnlyList<Guid> Voters,
    DateTimeOffset Deadline,
    AmendmentStatus Status,
    IReadOnlyList<VoteView> Votes,
    long Version,
    Tally? Tally = null,
    int? ConstitutionVersion = null,
    AmendmentRejectionReason? RejectionReason = null,
    WithdrawalView? Withdrawal = null)
{
    public static readonly StreamDocument<AmendmentView> Document = new(
        EventTypes.AmendmentEvents,
        Fold);

    public static AmendmentView? Fold(AmendmentView? view, object data, long version) => (view, data) switch
    {
        (_, AmendmentProposed proposed) => new AmendmentView(proposed.AmendmentId, proposed.ConstitutionId, proposed.BaseVersion,
            proposed.ProposedBy, proposed.Title, proposed.Rationale, proposed.Changes, proposed.Voters, proposed.Deadline,
            AmendmentStatus.Open, [], version),
        (null, _) => null,
        (_, AmendmentVoteCast vote) => view.At(version) with { Votes = [.. view.Votes, new VoteView(vote.VoterId, vote.Choice, vote.Reason)] },
        (_, AmendmentWithdrawn withdrawn) => view.At(version) with
        {
            Status = AmendmentStatus.Withdrawn,
            Withdrawal = new WithdrawalView(withdrawn.WithdrawnBy, withdrawn.Reason),
        },
        (_, AmendmentRatified ratified) => view.At(version) with
        {
            Status = AmendmentStatus.Ratified,
            Tally = ratified.Tally,
            ConstitutionVersion = ratified.ConstitutionVersion,
        },
        (_, AmendmentRejected rejected) => view.At(version) with
        {
            Status = AmendmentStatus.Rejected,
            Tally = rejected.Tally,
            RejectionReason = rejected.Reason,
        },
        _ => view,
    };

    private AmendmentView At(long version) => this with { Version = version };
}
