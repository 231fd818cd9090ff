using System.Text.Json;
using Acgs.Api.Amendments;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Identity.Actors;
using StackExchange.Redis;
using Role = Acgs.Ledger.Identity.Actors.Role;

namespace Acgs.Api.Tests.Amendments;

// The System actor decides every amendment from the sealed votes: ratified as soon as the quorum
// and threshold are met, rejected as soon as they cannot be, and the constitution moves only then.
[Collection(GovernanceHostCollection.Name)]
public sealed class amending_the_constitution(GovernanceHostFixture fixture)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(20);

    private GovernanceScenario Scenario => fixture.Scenario;

    [Fact]
    public async Task votes_meeting_quorum_and_threshold_ratify_it_and_the_constitution_moves_one_version()
    {
        var before = await Scenario.ConstitutionAsync();
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis);
        var notifications = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(AmendmentRatifiedNotificationHandler.Channel));
        var principleId = "P-" + Guid.NewGuid().ToString("N")[..8];
        var proposal = await Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add(principleId));

        foreach (var (member, key) in fixture.Council)
        {
            await Scenario.VoteAsync(proposal.AmendmentId, member, key, VoteChoice.For);
        }

        var settled = await Scenario.SettledAsync(proposal.AmendmentId, Settles);
        settled.Status.ShouldBe(AmendmentStatus.Ratified);
        var after = await Scenario.ConstitutionAsync();
        after.Version.ShouldBe(before.Version + 1);
        after.Principles.ShouldContain(principle => principle.Id == principleId && principle.Version == 1);

        var stream = await fixture.Host.Rows.StreamAsync(proposal.AmendmentId);
        var ratification = stream[^1];
        ratification.Type.ShouldBe(EventTypes.AmendmentRatified);
        ratification.Seal.Input.Submission.ActorId.ShouldBe(fixture.Host.Ledger.Created.System.ActorId);
        var ratified = JsonSerializer.Deserialize<AmendmentRatified>(ratification.Data, Acgs.Ledger.Integrity.LedgerJson.Options)!;
        ratified.Tally.ShouldBe(new Tally(3, 0, 0, 3));
        ratified.Causes.ShouldBe([stream[0].Seal.Hash, stream[1].Seal.Hash, stream[2].Seal.Hash, stream[3].Seal.Hash]);

        // Other hosts in this test run publish their ratifications on the same Redis channel.
        using var wait = new CancellationTokenSource(Settles);
        while (!(await notifications.ReadAsync(wait.Token)).Message.ToString().Contains(proposal.AmendmentId.ToString(), StringComparison.Ordinal))
        {
        }
    }

    [Fact]
    public async Task votes_that_make_the_threshold_unreachable_reject_it_at_once()
    {
        var before = await Scenario.ConstitutionAsync();
        var proposal = await Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-unreachable"));

        await Scenario.VoteAsync(proposal.AmendmentId, fixture.Council[0].ActorId, fixture.Council[0].Key, VoteChoice.Against);
        await Scenario.VoteAsync(proposal.AmendmentId, fixture.Council[1].ActorId, fixture.Council[1].Key, VoteChoice.Against);

        var settled = await Scenario.SettledAsync(proposal.AmendmentId, Settles);
        settled.Status.ShouldBe(AmendmentStatus.Rejected);
        var stream = await fixture.Host.Rows.StreamAsync(proposal.AmendmentId);
        var rejected = JsonSerializer.Deserialize<AmendmentRejected>(stream[^1].Data, Acgs.Ledger.Integrity.LedgerJson.Options)!;
        rejected.Reason.ShouldBe(AmendmentRejectionReason.ThresholdUnreachable);
        (await Scenario.ConstitutionAsync()).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task its_proposer_withdraws_it()
    {
        var proposal = await Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-withdrawn"));

        await Scenario.Submitter.ShouldAcceptAsync($"/v1/amendments/{proposal.AmendmentId}/withdrawal",
            Scenario.Submitter.Sign(new AmendmentWithdrawn(proposal.AmendmentId, fixture.Proposer.ActorId, "superseded by a better draft"),
                EventTypes.AmendmentWithdrawn, fixture.Proposer.ActorId, fixture.Proposer.Key, proposal.AmendmentId, 1));

        (await Scenario.AmendmentAsync(proposal.AmendmentId))!.Status.ShouldBe(AmendmentStatus.Withdrawn);
    }

    [Fact]
    public async Task a_ratification_rejects_every_amendment_still_open_on_the_replaced_version_as_needing_a_rebase()
    {
        var first = await Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-first"));
        var second = await Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-second"));

        foreach (var (member, key) in fixture.Council)
        {
            await Scenario.VoteAsync(first.AmendmentId, member, key, VoteChoice.For);
        }

        (await Scenario.SettledAsync(first.AmendmentId, Settles)).Status.ShouldBe(AmendmentStatus.Ratified);
        (await Scenario.SettledAsync(second.AmendmentId, Settles)).Status.ShouldBe(AmendmentStatus.Rejected);
        var stream = await fixture.Host.Rows.StreamAsync(second.AmendmentId);
        JsonSerializer.Deserialize<AmendmentRejected>(stream[^1].Data, Acgs.Ledger.Integrity.LedgerJson.Options)!
            .Reason.ShouldBe(AmendmentRejectionReason.Rebase);
    }

    [Fact]
    public async Task a_member_who_joins_the_council_after_the_proposal_does_not_count_toward_it()
    {
        var proposal = await Scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-frozen"));
        var (lateMember, lateKey) = await Scenario.Submitter.RegisterAsync(Role.Council);

        await Scenario.Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/votes",
            await Scenario.SignVoteAsync(proposal.AmendmentId, lateMember, lateKey, VoteChoice.For),
            System.Net.HttpStatusCode.Forbidden, "not-eligible-voter");

        // The late member is in the Council now, so later proposals must freeze it too; suspending it
        // keeps this fixture's Council at exactly three.
        await Scenario.Submitter.ShouldAcceptAsync($"/v1/actors/{lateMember}/suspension",
            Scenario.Submitter.SignAsAdmin(new ActorSuspended(lateMember, "test member"), EventTypes.ActorSuspended, lateMember, 1));
    }
}
