using System.Net;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;

namespace Acgs.Api.Tests.Policies;

// DESIGN §5: a policy is synthesized by GS from a ratified amendment, verified by FV, compiled by
// PGC and activated only on the source both name; a resynthesis voids earlier results; activating a
// policy that supersedes another has the System actor supersede it.
[Collection(LedgerHostCollection.Name)]
public sealed class a_policy_goes_from_synthesis_to_activation(LedgerHostFixture fixture) : IAsyncLifetime
{
    private PolicyScenario scenario = null!;

    private LedgerHost Host => fixture.Host;

    public async Task InitializeAsync() => scenario = await PolicyScenario.CreateAsync(Host);

    public Task DisposeAsync()
    {
        scenario.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task a_failed_verification_is_answered_by_a_resynthesis_whose_verified_and_compiled_source_is_activated()
    {
        var amendmentId = await scenario.RatifiedAmendmentAsync();
        var synthesis = PolicyScenario.Synthesis(amendmentId);
        var policyId = synthesis.PolicyId;
        var fixedHash = PolicyScenario.HashOf(PolicyScenario.FixedSource);

        await scenario.AcceptAsync(policyId, synthesis);
        await scenario.AcceptAsync(policyId, PolicyScenario.Verification(policyId, synthesis.SourceHash, VerificationVerdict.Failed));
        await scenario.AcceptAsync(policyId, PolicyScenario.Synthesis(amendmentId, PolicyScenario.FixedSource, policyId));
        await scenario.AcceptAsync(policyId, PolicyScenario.Verification(policyId, fixedHash, VerificationVerdict.Passed));
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, fixedHash));
        var activated = await scenario.AcceptAsync(policyId, new PolicyActivated(policyId, fixedHash));

        activated.GetProperty("version").GetInt64().ShouldBe(6);
        var stream = await Host.Rows.ShouldBeUnbrokenChainAsync(Host.Ledger.LedgerId, policyId);
        stream.Select(row => row.Type).ShouldBe(
        [
            EventTypes.PolicySynthesized, EventTypes.PolicyVerificationRecorded, EventTypes.PolicySynthesized,
            EventTypes.PolicyVerificationRecorded, EventTypes.PolicyCompiled, EventTypes.PolicyActivated,
        ]);
        stream.Select(row => row.Seal.Input.Submission.ActorId).ShouldBe(
        [
            scenario.Synthesizer.ActorId, scenario.Verifier.ActorId, scenario.Synthesizer.ActorId,
            scenario.Verifier.ActorId, scenario.Compiler.ActorId, Host.Ledger.AdminId,
        ]);
        var policy = (await scenario.PolicyAsync(policyId))!;
        policy.Status.ShouldBe(PolicyStatus.Active);
        policy.SourceHash.ShouldBe(fixedHash);
        policy.Verifications.ShouldHaveSingleItem().Verdict.ShouldBe(VerificationVerdict.Passed);
        policy.Compilations.ShouldHaveSingleItem().Target.ShouldBe("wasm");
        policy.Version.ShouldBe(6);
    }

    [Fact]
    public async Task activating_a_policy_that_supersedes_another_has_the_system_actor_supersede_it()
    {
        var amendmentId = await scenario.RatifiedAmendmentAsync();
        var firstId = await scenario.ActivePolicyAsync(amendmentId);

        var secondId = await scenario.ActivePolicyAsync(amendmentId, PolicyScenario.FixedSource, supersedes: firstId);

        await Eventually.TrueAsync(async () => (await scenario.PolicyAsync(firstId))!.Status == PolicyStatus.Superseded, TimeSpan.FromSeconds(20));
        var first = await Host.Rows.ShouldBeUnbrokenChainAsync(Host.Ledger.LedgerId, firstId);
        var supersession = first[^1];
        supersession.Type.ShouldBe(EventTypes.PolicySuperseded);
        supersession.Seal.Input.Submission.ActorId.ShouldBe(Host.Ledger.Created.System.ActorId);
        var activation = (await Host.Rows.StreamAsync(secondId))[^1];
        activation.Type.ShouldBe(EventTypes.PolicyActivated);
        var superseded = JsonSerializer.Deserialize<PolicySuperseded>(supersession.Data, LedgerJson.Options)!;
        superseded.PolicyId.ShouldBe(firstId);
        superseded.SupersededBy.ShouldBe(secondId);
        superseded.Causes.ShouldBe([activation.Seal.Hash]);
        (await scenario.PolicyAsync(firstId))!.SupersededBy.ShouldBe(secondId);
        (await scenario.PolicyAsync(secondId))!.Status.ShouldBe(PolicyStatus.Active);
    }

    [Fact]
    public async Task a_council_member_revokes_an_active_policy_and_it_takes_no_further_acts()
    {
        var amendmentId = await scenario.RatifiedAmendmentAsync();
        var policyId = await scenario.ActivePolicyAsync(amendmentId);
        var (memberId, memberKey) = await scenario.Submitter.RegisterAsync(Role.Council);
        using var key = memberKey;

        await scenario.AcceptAsync(policyId, new PolicyRevoked(policyId, "the principle it enforced was repealed"), (memberId, key));

        (await scenario.PolicyAsync(policyId))!.Status.ShouldBe(PolicyStatus.Revoked);
        var hash = PolicyScenario.HashOf(PolicyScenario.Source);
        await scenario.RefuseAsync(policyId, PolicyScenario.Verification(policyId, hash, VerificationVerdict.Passed), HttpStatusCode.Conflict, "policy-closed");
        await scenario.RefuseAsync(policyId, PolicyScenario.Synthesis(amendmentId, PolicyScenario.FixedSource, policyId), HttpStatusCode.Conflict, "policy-closed");
        await scenario.RefuseAsync(policyId, new PolicyRevoked(policyId, "again"), HttpStatusCode.Conflict, "policy-closed");
    }
}
