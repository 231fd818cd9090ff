using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Sealing;

namespace Acgs.Api.Tests.Amendments;

// DESIGN §4.7 level 4a: a valid System signature is not authority. A ratification appended with the
// System key, through the choke point, but without the votes to justify it, is found.
[Collection(GovernanceHostCollection.Name)]
public sealed class a_forged_ratification_is_found_by_the_verifier(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task a_ratification_with_too_few_votes_is_an_unjustified_event()
    {
        var scenario = fixture.Scenario;
        var proposal = await scenario.ProposeAsync(fixture.Proposer.ActorId, fixture.Proposer.Key, GovernanceScenario.Add("P-forged"));
        await scenario.VoteAsync(proposal.AmendmentId, fixture.Council[0].ActorId, fixture.Council[0].Key, VoteChoice.For);
        var stream = await fixture.Host.Rows.StreamAsync(proposal.AmendmentId);
        var constitution = await scenario.ConstitutionAsync();
        IReadOnlyList<string> causes = [stream[0].Seal.Hash, stream[1].Seal.Hash];

        var appended = await fixture.Host.Services.GetRequiredService<SystemActor>().AppendAsync(
            [
                new SystemEvent(scenario.ConstitutionId, constitution.Version, EventTypes.ConstitutionAmended,
                    new ConstitutionAmended(scenario.ConstitutionId, constitution.Version + 1, proposal.AmendmentId, proposal.Changes, causes)),
                new SystemEvent(proposal.AmendmentId, 2, EventTypes.AmendmentRatified,
                    new AmendmentRatified(proposal.AmendmentId, constitution.Version + 1, new Tally(1, 0, 0, 3), causes)),
            ],
            [], CancellationToken.None);
        appended.ShouldBeTrue();

        var report = await new LedgerVerifier(fixture.Host.Rows.DataSource).VerifyAsync(new VerificationOptions());

        var forged = (await fixture.Host.Rows.StreamAsync(proposal.AmendmentId))[^1];
        var unjustified = report.Findings.Where(finding => finding.Kind == FindingKind.UnjustifiedEvent).ToList();
        unjustified.ShouldHaveSingleItem().Sequence.ShouldBe(forged.Sequence);
        unjustified[0].Detail.ShouldContain("Open");
        report.Findings.Where(finding => finding.Kind != FindingKind.Unsealed).ShouldAllBe(finding => finding.Kind == FindingKind.UnjustifiedEvent);
    }
}
