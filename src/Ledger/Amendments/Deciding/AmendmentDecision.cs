using Acgs.Ledger.Constitution;

namespace Acgs.Ledger.Amendments;

// A vote as the ledger recorded it: its sealed recordedAt decides whether it counts.
public sealed record RecordedVote(Guid VoterId, VoteChoice Choice, DateTimeOffset RecordedAt, string EventHash);

// What the System actor must do about an amendment now: nothing (Open), ratify or reject it, with
// the tally and the hashes of the events that justify it.
public sealed record AmendmentVerdict(AmendmentStatus Outcome, AmendmentRejectionReason? Reason, Tally Tally, IReadOnlyList<string> Causes);

// The one pure decision on an amendment's fate (DESIGN §5). The System actor runs it to derive its
// events, and the verifier runs it again on the recorded events to judge them (level 4a).
public static class AmendmentDecision
{
    public static AmendmentVerdict Judge(
        AmendmentProposed proposal,
        string proposalHash,
        MetaRules rules,
        IReadOnlyList<RecordedVote> votes,
        int constitutionVersion,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(votes);
        var counted = Counted(proposal, votes);
        var tally = new Tally(
            counted.Count(vote => vote.Choice == VoteChoice.For),
            counted.Count(vote => vote.Choice == VoteChoice.Against),
            counted.Count(vote => vote.Choice == VoteChoice.Abstain),
            proposal.Voters.Count);
        IReadOnlyList<string> causes = [proposalHash, .. counted.Select(vote => vote.EventHash)];

        // Changes written against an older constitution can never be applied as they were voted on.
        if (constitutionVersion != proposal.BaseVersion)
        {
            return new AmendmentVerdict(AmendmentStatus.Rejected, AmendmentRejectionReason.Rebase, tally, causes);
        }
        if (Passes(rules, tally.For, tally.Against, tally.Abstain))
        {
            return new AmendmentVerdict(AmendmentStatus.Ratified, null, tally, causes);
        }
        // Every voter who has not voted yet voting for is the best the amendment can still do.
        var remaining = tally.Eligible - counted.Count;
        if (now >= proposal.Deadline || !Passes(rules, tally.For + remaining, tally.Against, tally.Abstain))
        {
            var reason = now >= proposal.Deadline ? AmendmentRejectionReason.WindowClosed : AmendmentRejectionReason.ThresholdUnreachable;
            return new AmendmentVerdict(AmendmentStatus.Rejected, reason, tally, causes);
        }
        return new AmendmentVerdict(AmendmentStatus.Open, null, tally, causes);
    }

    // A vote counts when it was recorded before the deadline and cast by a frozen voter, once each.
    public static IReadOnlyList<RecordedVote> Counted(AmendmentProposed proposal, IReadOnlyList<RecordedVote> votes)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(votes);
        var eligible = proposal.Voters.ToHashSet();
        var seen = new HashSet<Guid>();
        return votes.Where(vote => vote.RecordedAt < proposal.Deadline && eligible.Contains(vote.VoterId) && seen.Add(vote.VoterId)).ToList();
    }

    private static bool Passes(MetaRules rules, int votesFor, int against, int abstain)
    {
        var participation = (long)votesFor + against + (rules.Abstentions == AbstentionRule.Ignored ? 0 : abstain);
        var judged = (long)votesFor + against + (rules.Abstentions == AbstentionRule.CountAsAgainst ? abstain : 0);
        return participation >= rules.Quorum
            && judged > 0
            && votesFor * (long)rules.ApprovalDenominator >= rules.ApprovalNumerator * judged;
    }
}
