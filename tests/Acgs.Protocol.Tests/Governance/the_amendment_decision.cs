using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;

namespace Acgs.Protocol.Tests.Governance;

// AmendmentDecision.Judge is the one rule the System actor acts on and the verifier re-runs: these
// pin its arithmetic without a host.
public sealed class the_amendment_decision
{
    private static readonly DateTimeOffset Proposed = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Proposed.AddHours(72);
    private static readonly Guid[] Voters = [.. Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7())];

    private static readonly AmendmentProposed Proposal = new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, Guid.CreateVersion7(),
        "Title", "Rationale", [new AmendmentChange(AmendmentChangeKind.AddPrinciple, "P9", "T", "X")], Voters, Deadline);

    private static MetaRules Rules(int quorum = 3, int numerator = 2, int denominator = 3, AbstentionRule abstentions = AbstentionRule.CountTowardQuorumOnly) =>
        new(quorum, numerator, denominator, 259_200, abstentions);

    private static RecordedVote Vote(int voter, VoteChoice choice, DateTimeOffset? at = null) =>
        new(Voters[voter], choice, at ?? Proposed.AddMinutes(voter + 1), $"hash-{voter}-{choice}");

    private static AmendmentVerdict Judge(MetaRules rules, IReadOnlyList<RecordedVote> votes, int constitutionVersion = 1, DateTimeOffset? now = null) =>
        AmendmentDecision.Judge(Proposal, "proposal-hash", rules, votes, constitutionVersion, now ?? Proposed.AddHours(1));

    [Fact]
    public void quorum_and_threshold_met_ratify_at_once_with_the_counted_votes_as_causes()
    {
        var verdict = Judge(Rules(), [Vote(0, VoteChoice.For), Vote(1, VoteChoice.For), Vote(2, VoteChoice.Against)]);

        verdict.Outcome.ShouldBe(AmendmentStatus.Ratified);
        verdict.Tally.ShouldBe(new Tally(2, 1, 0, 5));
        verdict.Causes.ShouldBe(["proposal-hash", "hash-0-For", "hash-1-For", "hash-2-Against"]);
    }

    [Fact]
    public void below_quorum_stays_open_while_the_threshold_can_still_be_met()
    {
        Judge(Rules(), [Vote(0, VoteChoice.For), Vote(1, VoteChoice.For)]).Outcome.ShouldBe(AmendmentStatus.Open);
    }

    [Fact]
    public void a_threshold_no_remaining_votes_can_reach_rejects_at_once()
    {
        // 3 against of 5: even two more for give 2/5 < 2/3.
        var verdict = Judge(Rules(), [Vote(0, VoteChoice.Against), Vote(1, VoteChoice.Against), Vote(2, VoteChoice.Against)]);

        verdict.Outcome.ShouldBe(AmendmentStatus.Rejected);
        verdict.Reason.ShouldBe(AmendmentRejectionReason.ThresholdUnreachable);
    }

    [Fact]
    public void a_quorum_no_remaining_voters_can_reach_rejects_at_once()
    {
        var rules = Rules(quorum: 5, abstentions: AbstentionRule.Ignored);

        var verdict = Judge(rules, [Vote(0, VoteChoice.Abstain)]);

        verdict.Outcome.ShouldBe(AmendmentStatus.Rejected);
        verdict.Reason.ShouldBe(AmendmentRejectionReason.ThresholdUnreachable);
    }

    [Fact]
    public void the_window_closing_rejects_what_is_still_open()
    {
        var verdict = Judge(Rules(), [Vote(0, VoteChoice.For)], now: Deadline);

        verdict.Outcome.ShouldBe(AmendmentStatus.Rejected);
        verdict.Reason.ShouldBe(AmendmentRejectionReason.WindowClosed);
    }

    [Fact]
    public void a_vote_recorded_at_or_after_the_deadline_does_not_count()
    {
        var votes = new[] { Vote(0, VoteChoice.For), Vote(1, VoteChoice.For), Vote(2, VoteChoice.For, Deadline) };

        var verdict = Judge(Rules(), votes, now: Deadline.AddSeconds(1));

        verdict.Tally.For.ShouldBe(2);
        verdict.Reason.ShouldBe(AmendmentRejectionReason.WindowClosed);
    }

    [Fact]
    public void votes_by_anyone_outside_the_frozen_voters_and_second_votes_do_not_count()
    {
        var stranger = new RecordedVote(Guid.CreateVersion7(), VoteChoice.For, Proposed.AddMinutes(1), "stranger");
        var votes = new[] { Vote(0, VoteChoice.For), stranger, Vote(0, VoteChoice.Against), Vote(1, VoteChoice.For) };

        var verdict = Judge(Rules(), votes);

        verdict.Tally.ShouldBe(new Tally(2, 0, 0, 5));
        verdict.Causes.ShouldBe(["proposal-hash", "hash-0-For", "hash-1-For"]);
    }

    [Theory]
    [InlineData(AbstentionRule.CountTowardQuorumOnly, AmendmentStatus.Ratified)]
    [InlineData(AbstentionRule.CountAsAgainst, AmendmentStatus.Open)]
    [InlineData(AbstentionRule.Ignored, AmendmentStatus.Open)]
    public void abstentions_count_as_the_meta_rules_say(AbstentionRule rule, AmendmentStatus expected)
    {
        // 2 for, 1 abstain: quorum 3 is met only if abstentions count toward it; 3/4 for only if they are not against.
        var verdict = Judge(Rules(numerator: 3, denominator: 4, abstentions: rule),
            [Vote(0, VoteChoice.For), Vote(1, VoteChoice.For), Vote(2, VoteChoice.Abstain)]);

        verdict.Outcome.ShouldBe(expected);
    }

    [Fact]
    public void a_constitution_that_moved_since_the_proposal_rejects_it_for_a_rebase_even_with_the_votes()
    {
        var verdict = Judge(Rules(), [Vote(0, VoteChoice.For), Vote(1, VoteChoice.For), Vote(2, VoteChoice.For)], constitutionVersion: 2);

        verdict.Outcome.ShouldBe(AmendmentStatus.Rejected);
        verdict.Reason.ShouldBe(AmendmentRejectionReason.Rebase);
    }

    [Fact]
    public void a_unanimous_threshold_is_met_only_without_dissent()
    {
        Judge(Rules(numerator: 1, denominator: 1), [Vote(0, VoteChoice.For), Vote(1, VoteChoice.For), Vote(2, VoteChoice.For)])
            .Outcome.ShouldBe(AmendmentStatus.Ratified);
        Judge(Rules(numerator: 1, denominator: 1), [Vote(0, VoteChoice.For), Vote(1, VoteChoice.Against)])
            .Reason.ShouldBe(AmendmentRejectionReason.ThresholdUnreachable);
    }
}
