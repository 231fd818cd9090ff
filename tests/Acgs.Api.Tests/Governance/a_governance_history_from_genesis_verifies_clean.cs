using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Policies;
using Acgs.Projections;
using Npgsql;

namespace Acgs.Api.Tests.Governance;

// Issue 7 end to end on the real host: from genesis through a ratified amendment to an activated
// policy, and an amendment whose window closes while the host is down; then the verifier, every
// level including the System actor's justification and the read models, finds nothing.
public sealed class a_governance_history_from_genesis_verifies_clean
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task genesis_to_an_active_policy_and_a_rejection_across_a_restart()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName("acgs_test_governance_history"));
        using var ledger = TestLedger.Create(new MetaRules(3, 2, 3, 15, AbstentionRule.CountTowardQuorumOnly));
        AmendmentProposed second;
        await using (var host = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, ledger))
        {
            var governance = new GovernanceScenario(host);
            var council = await governance.RegisterAsync(3, Role.Council);
            var proposer = await governance.Submitter.RegisterAsync(Role.Proposer);
            using var policies = await PolicyScenario.CreateAsync(host);

            var first = await governance.ProposeAsync(proposer.ActorId, proposer.Key,
                GovernanceScenario.Add("P2", "Verified policy", "No policy is activated without a passing verification of its source."));
            foreach (var (member, key) in council)
            {
                await governance.VoteAsync(first.AmendmentId, member, key, VoteChoice.For);
            }
            (await governance.SettledAsync(first.AmendmentId, Settles)).Status.ShouldBe(AmendmentStatus.Ratified);
            var constitution = await governance.ConstitutionAsync();
            constitution.Version.ShouldBe(2);
            constitution.Principles.Select(principle => principle.Id).ShouldBe(["P1", "P2"]);

            var synthesis = PolicyScenario.Synthesis(first.AmendmentId);
            await policies.AcceptAsync(synthesis.PolicyId, synthesis);
            await policies.AcceptAsync(synthesis.PolicyId, PolicyScenario.Verification(synthesis.PolicyId, synthesis.SourceHash, VerificationVerdict.Failed));
            var resynthesis = PolicyScenario.Synthesis(first.AmendmentId, PolicyScenario.FixedSource, synthesis.PolicyId);
            await policies.AcceptAsync(synthesis.PolicyId, resynthesis);
            await policies.AcceptAsync(synthesis.PolicyId, PolicyScenario.Verification(synthesis.PolicyId, resynthesis.SourceHash, VerificationVerdict.Passed));
            await policies.AcceptAsync(synthesis.PolicyId, PolicyScenario.Compilation(synthesis.PolicyId, resynthesis.SourceHash));
            await policies.AcceptAsync(synthesis.PolicyId, new PolicyActivated(synthesis.PolicyId, resynthesis.SourceHash));
            var policy = (await policies.PolicyAsync(synthesis.PolicyId))!;
            policy.Status.ShouldBe(PolicyStatus.Active);
            policy.SourceHash.ShouldBe(resynthesis.SourceHash);

            second = await governance.ProposeAsync(proposer.ActorId, proposer.Key, GovernanceScenario.Add("P3", "Appeal", "Every decision can be appealed."));
            await governance.VoteAsync(second.AmendmentId, council[0].ActorId, council[0].Key, VoteChoice.For);
        }

        var wait = second.Deadline - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromSeconds(1));
        }
        await using var restarted = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis, ledger);
        var after = new GovernanceScenario(restarted);
        (await after.SettledAsync(second.AmendmentId, TimeSpan.FromSeconds(90))).Status.ShouldBe(AmendmentStatus.Rejected);
        var stream = await restarted.Rows.StreamAsync(second.AmendmentId);
        JsonSerializer.Deserialize<AmendmentRejected>(stream[^1].Data, LedgerJson.Options)!.Reason.ShouldBe(AmendmentRejectionReason.WindowClosed);
        (await after.ConstitutionAsync()).Version.ShouldBe(2);

        await Eventually.TrueAsync(async () => await UnsealedAsync(restarted.Rows.DataSource) == 0, Settles);
        var report = await new LedgerVerifier(restarted.Rows.DataSource).VerifyAsync(new VerificationOptions
        {
            ExpectedLedgerId = ledger.LedgerId,
            ReadModels = ReadModelsConfiguration.Documents,
        });
        report.Findings.ShouldBeEmpty();
        report.Clean.ShouldBeTrue();

        // The audit trail, page by page, is every act in leaf order with the actor that signed it.
        var trail = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await Submitter.JsonAsync(await Eventually.OkAsync(restarted.Client,
                "/v1/audit/events?limit=7" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), Settles));
            trail.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (cursor is not null);
        trail.Select(item => item.GetProperty("leafIndex").GetInt64()).ShouldBe(Enumerable.Range(0, trail.Count).Select(leaf => (long)leaf));
        trail.Count.ShouldBe((int)report.Events);
        foreach (var item in trail)
        {
            EventSeal.TryParse(item.GetProperty("seal").GetRawText(), out var seal, out var problem).ShouldBeTrue(problem);
            seal.Input.Submission.ActorId.ShouldBe(item.GetProperty("actorId").GetGuid());
        }
        var types = trail.Select(item => item.GetProperty("type").GetString()).ToHashSet();
        types.IsSupersetOf([
            "amendment-proposed", "amendment-vote-cast", "amendment-ratified", "amendment-rejected", "constitution-amended",
            "policy-synthesized", "policy-verification-recorded", "policy-compiled", "policy-activated",
        ]).ShouldBeTrue(string.Join(", ", types));
    }

    private static async Task<long> UnsealedAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("select count(*) from acgs.unsealed");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
