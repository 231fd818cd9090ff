using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;

namespace Acgs.Api.Tests.Amendments;

// Every rule of DESIGN §5 is enforced when the act is submitted: a refused act is a problem
// document and leaves the amendment's stream exactly as it was.
[Collection(GovernanceHostCollection.Name)]
public sealed class amendment_acts_that_break_the_rules_are_refused_and_nothing_is_appended(GovernanceHostFixture fixture)
{
    private GovernanceScenario Scenario => fixture.Scenario;

    private Submitter Submitter => Scenario.Submitter;

    private (Guid ActorId, Acgs.Ledger.Identity.SigningKey Key) Proposer => fixture.Proposer;

    private Task RefuseProposalAsync(params AmendmentChange[] changes) => RefuseProposalAsync(HttpStatusCode.UnprocessableEntity, "rule-violated", changes);

    private async Task RefuseProposalAsync(HttpStatusCode status, string kind, params AmendmentChange[] changes)
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = await Scenario.ProposalAsync(Proposer.ActorId, now, changes);
        await Submitter.ShouldRefuseAsync("/v1/amendments", Scenario.SignProposal(proposal, Proposer.ActorId, Proposer.Key, now), status, kind);
    }

    [Fact]
    public Task repealing_an_unknown_principle() =>
        RefuseProposalAsync(new AmendmentChange(AmendmentChangeKind.RepealPrinciple, "P-none"));

    [Fact]
    public Task adding_a_principle_whose_id_exists() => RefuseProposalAsync(GovernanceScenario.Add("P1"));

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(-1, 3)]
    [InlineData(1, 0)]
    public Task a_threshold_outside_zero_to_one(int numerator, int denominator) =>
        RefuseProposalAsync(new AmendmentChange(AmendmentChangeKind.ChangeMetaRules,
            MetaRules: GovernanceHostFixture.Rules with { ApprovalNumerator = numerator, ApprovalDenominator = denominator }));

    [Fact]
    public Task a_quorum_larger_than_the_council() =>
        RefuseProposalAsync(new AmendmentChange(AmendmentChangeKind.ChangeMetaRules, MetaRules: GovernanceHostFixture.Rules with { Quorum = 4 }));

    [Fact]
    public async Task a_proposal_against_a_version_that_is_not_the_current_one()
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = await Scenario.ProposalAsync(Proposer.ActorId, now, GovernanceScenario.Add("P-stale"));
        var stale = proposal with { BaseVersion = proposal.BaseVersion + 1 };

        await Submitter.ShouldRefuseAsync("/v1/amendments", Scenario.SignProposal(stale, Proposer.ActorId, Proposer.Key, now),
            HttpStatusCode.Conflict, "rebase");
    }

    [Fact]
    public async Task a_proposal_whose_voters_are_not_the_council()
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = await Scenario.ProposalAsync(Proposer.ActorId, now, GovernanceScenario.Add("P-voters"));
        var packed = proposal with { Voters = [.. proposal.Voters.Skip(1), Proposer.ActorId] };

        await Submitter.ShouldRefuseAsync("/v1/amendments", Scenario.SignProposal(packed, Proposer.ActorId, Proposer.Key, now),
            HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task a_proposal_whose_deadline_is_not_the_window()
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = await Scenario.ProposalAsync(Proposer.ActorId, now, GovernanceScenario.Add("P-longer"));
        var longer = proposal with { Deadline = proposal.Deadline.AddDays(30) };

        await Submitter.ShouldRefuseAsync("/v1/amendments", Scenario.SignProposal(longer, Proposer.ActorId, Proposer.Key, now),
            HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task a_proposal_naming_an_unknown_constitution()
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = await Scenario.ProposalAsync(Proposer.ActorId, now, GovernanceScenario.Add("P-elsewhere"));
        var elsewhere = proposal with { ConstitutionId = Guid.CreateVersion7() };

        await Submitter.ShouldRefuseAsync("/v1/amendments", Scenario.SignProposal(elsewhere, Proposer.ActorId, Proposer.Key, now),
            HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task a_proposal_by_an_actor_without_the_proposer_role()
    {
        var (verifier, key) = await Submitter.RegisterAsync(Role.Verifier);
        var now = DateTimeOffset.UtcNow;
        var proposal = await Scenario.ProposalAsync(verifier, now, GovernanceScenario.Add("P-verifier"));

        await Submitter.ShouldRefuseAsync("/v1/amendments", Scenario.SignProposal(proposal, verifier, key, now),
            HttpStatusCode.Forbidden, "role-not-allowed");
    }

    [Fact]
    public async Task a_vote_by_an_actor_without_the_council_role()
    {
        var proposal = await Scenario.ProposeAsync(Proposer.ActorId, Proposer.Key, GovernanceScenario.Add("P-role"));

        await Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/votes",
            await Scenario.SignVoteAsync(proposal.AmendmentId, Proposer.ActorId, Proposer.Key, VoteChoice.For),
            HttpStatusCode.Forbidden, "role-not-allowed");
    }

    [Fact]
    public async Task a_second_vote_by_the_same_member()
    {
        var (member, key) = fixture.Council[0];
        var proposal = await Scenario.ProposeAsync(Proposer.ActorId, Proposer.Key, GovernanceScenario.Add("P-twice"));
        await Scenario.VoteAsync(proposal.AmendmentId, member, key, VoteChoice.For);

        await Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/votes",
            await Scenario.SignVoteAsync(proposal.AmendmentId, member, key, VoteChoice.Against),
            HttpStatusCode.Conflict, "already-voted");
    }

    [Fact]
    public async Task a_vote_on_an_unknown_amendment()
    {
        var (member, key) = fixture.Council[0];
        var unknown = Guid.CreateVersion7();

        await Submitter.ShouldRefuseAsync($"/v1/amendments/{unknown}/votes",
            await Scenario.SignVoteAsync(unknown, member, key, VoteChoice.For), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task a_vote_on_a_withdrawn_amendment()
    {
        var proposal = await Scenario.ProposeAsync(Proposer.ActorId, Proposer.Key, GovernanceScenario.Add("P-gone"));
        await Submitter.ShouldAcceptAsync($"/v1/amendments/{proposal.AmendmentId}/withdrawal",
            Submitter.Sign(new AmendmentWithdrawn(proposal.AmendmentId, Proposer.ActorId, "withdrawn"), EventTypes.AmendmentWithdrawn,
                Proposer.ActorId, Proposer.Key, proposal.AmendmentId, 1));

        await Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/votes",
            await Scenario.SignVoteAsync(proposal.AmendmentId, fixture.Council[0].ActorId, fixture.Council[0].Key, VoteChoice.For),
            HttpStatusCode.Conflict, "amendment-closed");
    }

    [Fact]
    public async Task a_vote_on_a_decided_amendment()
    {
        var proposal = await Scenario.ProposeAsync(Proposer.ActorId, Proposer.Key, GovernanceScenario.Add("P-decided"));
        await Scenario.VoteAsync(proposal.AmendmentId, fixture.Council[0].ActorId, fixture.Council[0].Key, VoteChoice.Against);
        await Scenario.VoteAsync(proposal.AmendmentId, fixture.Council[1].ActorId, fixture.Council[1].Key, VoteChoice.Against);
        (await Scenario.SettledAsync(proposal.AmendmentId, TimeSpan.FromSeconds(20))).Status.ShouldBe(AmendmentStatus.Rejected);

        await Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/votes",
            await Scenario.SignVoteAsync(proposal.AmendmentId, fixture.Council[2].ActorId, fixture.Council[2].Key, VoteChoice.For),
            HttpStatusCode.Conflict, "amendment-closed");
    }

    [Fact]
    public async Task withdrawing_someone_elses_amendment()
    {
        var proposal = await Scenario.ProposeAsync(Proposer.ActorId, Proposer.Key, GovernanceScenario.Add("P-theirs"));
        var (member, key) = fixture.Council[0];

        await Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/withdrawal",
            Submitter.Sign(new AmendmentWithdrawn(proposal.AmendmentId, member, "not mine"), EventTypes.AmendmentWithdrawn,
                member, key, proposal.AmendmentId, 1),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_vote_after_the_window_closed()
    {
        var proposal = await Scenario.ProposeAsync(Proposer.ActorId, Proposer.Key, GovernanceScenario.Add("P-late"));
        var vote = await Scenario.SignVoteAsync(proposal.AmendmentId, fixture.Council[0].ActorId, fixture.Council[0].Key, VoteChoice.For);
        var wait = proposal.Deadline - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(50));
        }

        // Either the vote meets the closed window before the System actor's timer fires, or it meets
        // the rejection the timer appended: refused with a conflict and nothing appended either way.
        var response = await Submitter.PostAsync($"/v1/amendments/{proposal.AmendmentId}/votes", vote);
        var problem = await Submitter.JsonAsync(response);
        ((int)response.StatusCode).ShouldBe(409);
        problem.GetProperty("type").GetString().ShouldBeOneOf("urn:acgs:problem:voting-window-closed", "urn:acgs:problem:amendment-closed");
        (await Submitter.Rows.SubmissionSequenceAsync(vote.Submission.SubmissionId)).ShouldBeNull();
        (await Scenario.SettledAsync(proposal.AmendmentId, TimeSpan.FromSeconds(20))).Status.ShouldBe(AmendmentStatus.Rejected);
    }
}
