using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Amendments;

namespace Acgs.Api.Tests.Amendments;

// The last deployment had no monitoring: what the System actor decides and why submissions are
// refused are visible to Prometheus.
[Collection(GovernanceHostCollection.Name)]
public sealed class governance_is_counted_on_the_metrics_endpoint(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task ratifications_sealed_submissions_and_refusals_by_kind_appear_in_metrics()
    {
        var scenario = fixture.Scenario;
        var proposal = await scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-metrics"));
        foreach (var (member, key) in fixture.Council)
        {
            await scenario.VoteAsync(proposal.AmendmentId, member, key, VoteChoice.For);
        }
        (await scenario.SettledAsync(proposal.AmendmentId, TimeSpan.FromSeconds(20))).Status.ShouldBe(AmendmentStatus.Ratified);
        await scenario.Submitter.ShouldRefuseAsync($"/v1/amendments/{proposal.AmendmentId}/votes",
            await scenario.SignVoteAsync(proposal.AmendmentId, fixture.Council[0].ActorId, fixture.Council[0].Key, VoteChoice.For),
            HttpStatusCode.Conflict, "amendment-closed");

        var metrics = await fixture.Host.Client.GetStringAsync("/metrics");

        metrics.ShouldContain("acgs_amendments_decided_total{outcome=\"ratified\"}");
        metrics.ShouldContain("acgs_submissions_total{outcome=\"sealed\"}");
        metrics.ShouldContain("acgs_submissions_total{outcome=\"amendment-closed\"}");
    }
}
