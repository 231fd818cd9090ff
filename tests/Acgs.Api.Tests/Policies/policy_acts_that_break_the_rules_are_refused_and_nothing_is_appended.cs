using System.Net;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Policies;

namespace Acgs.Api.Tests.Policies;

// Each refusal is a problem document with a stable type, and the policy's stream is as it was.
[Collection(LedgerHostCollection.Name)]
public sealed class policy_acts_that_break_the_rules_are_refused_and_nothing_is_appended(LedgerHostFixture fixture) : IAsyncLifetime
{
    private static readonly string SourceHash = PolicyScenario.HashOf(PolicyScenario.Source);
    private static readonly string FixedHash = PolicyScenario.HashOf(PolicyScenario.FixedSource);

    private PolicyScenario scenario = null!;
    private Guid ratifiedAmendmentId;

    public async Task InitializeAsync()
    {
        scenario = await PolicyScenario.CreateAsync(fixture.Host);
        ratifiedAmendmentId = await scenario.RatifiedAmendmentAsync();
    }

    public Task DisposeAsync()
    {
        scenario.Dispose();
        return Task.CompletedTask;
    }

    private async Task<Guid> SynthesizedAsync()
    {
        var synthesis = PolicyScenario.Synthesis(ratifiedAmendmentId);
        await scenario.AcceptAsync(synthesis.PolicyId, synthesis);
        return synthesis.PolicyId;
    }

    [Fact]
    public async Task activating_an_unverified_policy()
    {
        var policyId = await SynthesizedAsync();
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash));

        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, SourceHash), HttpStatusCode.UnprocessableEntity, "policy-not-ready");
    }

    [Fact]
    public async Task activating_a_policy_whose_only_verification_failed()
    {
        var policyId = await SynthesizedAsync();
        await scenario.AcceptAsync(policyId, PolicyScenario.Verification(policyId, SourceHash, VerificationVerdict.Failed));
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash));

        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, SourceHash), HttpStatusCode.UnprocessableEntity, "policy-not-ready");
    }

    [Fact]
    public async Task activating_an_uncompiled_policy()
    {
        var policyId = await SynthesizedAsync();
        await scenario.AcceptAsync(policyId, PolicyScenario.Verification(policyId, SourceHash, VerificationVerdict.Passed));

        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, SourceHash), HttpStatusCode.UnprocessableEntity, "policy-not-ready");
    }

    // Verified and compiled, then resynthesized: the results name the old source, not the current one.
    [Fact]
    public async Task activating_a_policy_whose_verification_and_compilation_name_another_source_hash()
    {
        var policyId = await SynthesizedAsync();
        await scenario.AcceptAsync(policyId, PolicyScenario.Verification(policyId, SourceHash, VerificationVerdict.Passed));
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash));
        await scenario.AcceptAsync(policyId, PolicyScenario.Synthesis(ratifiedAmendmentId, PolicyScenario.FixedSource, policyId));

        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, FixedHash), HttpStatusCode.UnprocessableEntity, "policy-not-ready");
        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, SourceHash), HttpStatusCode.UnprocessableEntity, "stale-source-hash");
    }

    [Fact]
    public async Task activating_a_policy_whose_compilation_names_another_source_hash()
    {
        var policyId = await SynthesizedAsync();
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash));
        await scenario.AcceptAsync(policyId, PolicyScenario.Synthesis(ratifiedAmendmentId, PolicyScenario.FixedSource, policyId));
        await scenario.AcceptAsync(policyId, PolicyScenario.Verification(policyId, FixedHash, VerificationVerdict.Passed));

        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, FixedHash), HttpStatusCode.UnprocessableEntity, "policy-not-ready");
    }

    [Fact]
    public async Task results_naming_the_source_hash_a_resynthesis_replaced()
    {
        var policyId = await SynthesizedAsync();
        await scenario.AcceptAsync(policyId, PolicyScenario.Synthesis(ratifiedAmendmentId, PolicyScenario.FixedSource, policyId));

        await scenario.RefuseAsync(policyId, PolicyScenario.Verification(policyId, SourceHash, VerificationVerdict.Passed),
            HttpStatusCode.UnprocessableEntity, "stale-source-hash");
        await scenario.RefuseAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash), HttpStatusCode.UnprocessableEntity, "stale-source-hash");
    }

    [Fact]
    public async Task acts_by_the_wrong_role()
    {
        var policyId = await SynthesizedAsync();
        var verification = PolicyScenario.Verification(policyId, SourceHash, VerificationVerdict.Passed);

        await scenario.RefuseAsync(Guid.CreateVersion7(), PolicyScenario.Synthesis(ratifiedAmendmentId), HttpStatusCode.Forbidden, "role-not-allowed", scenario.Verifier);
        await scenario.RefuseAsync(policyId, verification, HttpStatusCode.Forbidden, "role-not-allowed", scenario.Synthesizer);
        await scenario.RefuseAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash), HttpStatusCode.Forbidden, "role-not-allowed", scenario.Verifier);
        await scenario.AcceptAsync(policyId, verification);
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash));
        await scenario.RefuseAsync(policyId, new PolicyActivated(policyId, SourceHash), HttpStatusCode.Forbidden, "role-not-allowed", scenario.Compiler);
        await scenario.RefuseAsync(policyId, new PolicyRevoked(policyId, "not mine to revoke"), HttpStatusCode.Forbidden, "role-not-allowed", scenario.Synthesizer);
    }

    [Fact]
    public async Task a_synthesis_whose_id_in_the_payload_is_not_its_stream()
    {
        var synthesis = PolicyScenario.Synthesis(ratifiedAmendmentId);

        await scenario.RefuseAsync(Guid.CreateVersion7(), synthesis, HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task acts_on_an_unknown_policy()
    {
        var unknown = Guid.CreateVersion7();

        await scenario.RefuseAsync(unknown, PolicyScenario.Verification(unknown, SourceHash, VerificationVerdict.Passed), HttpStatusCode.NotFound, "not-found");
        await scenario.RefuseAsync(unknown, PolicyScenario.Compilation(unknown, SourceHash), HttpStatusCode.NotFound, "not-found");
        await scenario.RefuseAsync(unknown, new PolicyActivated(unknown, SourceHash), HttpStatusCode.NotFound, "not-found");
        await scenario.RefuseAsync(unknown, new PolicyRevoked(unknown, "never was"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task a_synthesis_from_an_unknown_amendment()
    {
        var synthesis = PolicyScenario.Synthesis(Guid.CreateVersion7());

        await scenario.RefuseAsync(synthesis.PolicyId, synthesis, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task a_synthesis_from_an_amendment_that_is_not_ratified()
    {
        var synthesis = PolicyScenario.Synthesis(await scenario.OpenAmendmentAsync());

        await scenario.RefuseAsync(synthesis.PolicyId, synthesis, HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task a_synthesis_whose_source_hash_is_not_the_sources()
    {
        var synthesis = PolicyScenario.Synthesis(ratifiedAmendmentId) with { SourceHash = FixedHash };

        await scenario.RefuseAsync(synthesis.PolicyId, synthesis, HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task a_synthesis_in_a_language_the_compiler_does_not_take()
    {
        var synthesis = PolicyScenario.Synthesis(ratifiedAmendmentId) with { Language = "python" };

        await scenario.RefuseAsync(synthesis.PolicyId, synthesis, HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task a_synthesis_superseding_an_unknown_or_inactive_policy()
    {
        var inactiveId = await SynthesizedAsync();
        var ofUnknown = PolicyScenario.Synthesis(ratifiedAmendmentId, supersedes: Guid.CreateVersion7());
        var ofInactive = PolicyScenario.Synthesis(ratifiedAmendmentId, supersedes: inactiveId);

        await scenario.RefuseAsync(ofUnknown.PolicyId, ofUnknown, HttpStatusCode.NotFound, "not-found");
        await scenario.RefuseAsync(ofInactive.PolicyId, ofInactive, HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task resynthesizing_an_active_policy()
    {
        var policyId = await scenario.ActivePolicyAsync(ratifiedAmendmentId);

        await scenario.RefuseAsync(policyId, PolicyScenario.Synthesis(ratifiedAmendmentId, PolicyScenario.FixedSource, policyId),
            HttpStatusCode.UnprocessableEntity, "rule-violated");
    }

    [Fact]
    public async Task a_result_signed_at_a_stale_version()
    {
        var policyId = await SynthesizedAsync();
        var stale = await scenario.SignAsync(policyId, PolicyScenario.Verification(policyId, SourceHash, VerificationVerdict.Passed));
        await scenario.AcceptAsync(policyId, PolicyScenario.Compilation(policyId, SourceHash));

        await scenario.Submitter.ShouldRefuseAsync($"/v1/policies/{policyId}/verifications", stale, HttpStatusCode.Conflict, "version-conflict");
    }
}
