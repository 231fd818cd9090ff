using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Api.Tests.Amendments;

// DESIGN §5: the deadline is a durable Wolverine scheduled message stored with the proposal, so an
// amendment whose window closes while no API runs is still rejected when one starts again.
public sealed class the_deadline_timer_survives_a_restart_of_the_api
{
    [Fact]
    public async Task an_amendment_whose_window_closed_while_the_host_was_down_is_rejected_after_it_starts()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName("acgs_test_deadline"));
        using var ledger = TestLedger.Create(new MetaRules(3, 2, 3, 15, AbstentionRule.CountTowardQuorumOnly));
        AmendmentProposed proposal;
        await using (var first = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, ledger))
        {
            var scenario = new GovernanceScenario(first);
            var council = await scenario.RegisterAsync(3, Role.Council);
            proposal = await scenario.ProposeAsync(council[0].ActorId, council[0].Key, GovernanceScenario.Add("P-restart"));
            await scenario.VoteAsync(proposal.AmendmentId, council[0].ActorId, council[0].Key, VoteChoice.For);
        }

        var wait = proposal.Deadline - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromSeconds(1));
        }
        await using (var rows = new LedgerRows(postgres))
        {
            // Nothing ran while the host was down: the window closed with the amendment still open.
            (await rows.StreamAsync(proposal.AmendmentId))[^1].Type.ShouldBe(Acgs.Ledger.EventTypes.AmendmentVoteCast);
        }
        await using var second = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, ledger);
        var restarted = new GovernanceScenario(second);

        var settled = await restarted.SettledAsync(proposal.AmendmentId, TimeSpan.FromSeconds(90));

        settled.Status.ShouldBe(AmendmentStatus.Rejected);
        var stream = await second.Rows.StreamAsync(proposal.AmendmentId);
        var rejected = JsonSerializer.Deserialize<AmendmentRejected>(stream[^1].Data, LedgerJson.Options)!;
        rejected.Reason.ShouldBe(AmendmentRejectionReason.WindowClosed);
        rejected.Tally.ShouldBe(new Tally(1, 0, 0, 3));
        stream[^1].Seal.Input.RecordedAt.ShouldBeGreaterThanOrEqualTo(proposal.Deadline);
    }
}
