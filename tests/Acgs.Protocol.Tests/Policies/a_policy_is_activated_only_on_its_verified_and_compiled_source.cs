using Acgs.Ledger.Policies;
using Acgs.Ledger.Policies.Activating;
using Acgs.Ledger.Policies.Compiling;
using Acgs.Ledger.Policies.Verifying;
using static Acgs.Protocol.Tests.Policies.PolicyFacts;

namespace Acgs.Protocol.Tests.Policies;

public sealed class a_policy_is_activated_only_on_its_verified_and_compiled_source
{
    private static PolicyActivated Activation(string source = Source) => new(PolicyId, HashOf(source));

    [Fact]
    public void a_passing_verification_and_a_compilation_of_the_current_source_activate_it()
    {
        var policy = VerifiedAndCompiled();

        var outcome = ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version), policy, Activation());

        outcome.Rejection.ShouldBeNull();
        outcome.Event.ShouldBe(Activation());
        outcome.Messages.ShouldBeEmpty();
        policy.Apply(Activation()).Status.ShouldBe(PolicyStatus.Active);
    }

    [Fact]
    public void without_a_passing_verification_it_is_not_ready()
    {
        var policy = Synthesized().Apply(Compilation());

        var outcome = ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version), policy, Activation());

        outcome.Rejection!.Kind.ShouldBe("policy-not-ready");
        outcome.Rejection.Detail.ShouldContain("no passing verification");
    }

    [Fact]
    public void without_a_compilation_it_is_not_ready()
    {
        var policy = Synthesized().Apply(Verification(VerificationVerdict.Passed));

        var outcome = ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version), policy, Activation());

        outcome.Rejection!.Kind.ShouldBe("policy-not-ready");
        outcome.Rejection.Detail.ShouldContain("no compilation");
    }

    [Fact]
    public void a_failed_verification_of_the_current_source_blocks_it_beside_a_passing_one()
    {
        var policy = VerifiedAndCompiled().Apply(Verification(VerificationVerdict.Failed));

        var outcome = ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version), policy, Activation());

        outcome.Rejection!.Kind.ShouldBe("policy-not-ready");
        outcome.Rejection.Detail.ShouldContain("failed");
    }

    [Fact]
    public void a_resynthesis_voids_the_results_of_the_earlier_source()
    {
        var policy = VerifiedAndCompiled().Apply(Synthesis(NextSource));

        policy.SourceHash.ShouldBe(HashOf(NextSource));
        policy.Verifications.ShouldBeEmpty();
        policy.Compilations.ShouldBeEmpty();
        ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version), policy, Activation(NextSource)).Rejection!.Kind.ShouldBe("policy-not-ready");
    }

    [Fact]
    public void an_activation_naming_another_source_is_refused()
    {
        var policy = VerifiedAndCompiled();

        var outcome = ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version), policy, Activation(NextSource));

        outcome.Rejection!.Kind.ShouldBe("stale-source-hash");
    }

    [Fact]
    public void results_naming_a_source_that_was_replaced_are_refused()
    {
        var policy = Synthesized().Apply(Synthesis(NextSource));
        var submission = SubmissionFor(PolicyId, policy.Version);

        RecordVerification.Decide(submission, policy, Verification(VerificationVerdict.Passed)).Rejection!.Kind.ShouldBe("stale-source-hash");
        RecordCompilation.Decide(submission, policy, Compilation()).Rejection!.Kind.ShouldBe("stale-source-hash");
        RecordVerification.Decide(submission, policy, Verification(VerificationVerdict.Passed, NextSource)).Rejection.ShouldBeNull();
        RecordCompilation.Decide(submission, policy, Compilation(NextSource)).Rejection.ShouldBeNull();
    }

    [Fact]
    public void an_active_or_closed_policy_is_not_activated_again()
    {
        var active = VerifiedAndCompiled().Apply(Activation());
        var revoked = VerifiedAndCompiled().Apply(new PolicyRevoked(PolicyId, "withdrawn"));

        ActivatePolicy.Decide(SubmissionFor(PolicyId, active.Version), active, Activation()).Rejection!.Kind.ShouldBe("rule-violated");
        ActivatePolicy.Decide(SubmissionFor(PolicyId, revoked.Version), revoked, Activation()).Rejection!.Kind.ShouldBe("policy-closed");
    }

    [Fact]
    public void an_activation_at_a_stale_version_is_a_conflict()
    {
        var policy = VerifiedAndCompiled();

        ActivatePolicy.Decide(SubmissionFor(PolicyId, policy.Version - 1), policy, Activation()).Rejection!.Kind.ShouldBe("version-conflict");
    }

    [Fact]
    public void a_verdict_without_properties_or_with_a_malformed_artifact_hash_is_refused()
    {
        var policy = Synthesized();
        var submission = SubmissionFor(PolicyId, policy.Version);

        RecordVerification.Decide(submission, policy, Verification(VerificationVerdict.Passed) with { Properties = [] })
            .Rejection!.Detail.ShouldContain("properties");
        RecordVerification.Decide(submission, policy, Verification(VerificationVerdict.Passed) with { ArtifactHash = ArtifactHash.ToUpperInvariant() })
            .Rejection!.Detail.ShouldContain("artifactHash");
    }

    [Fact]
    public void results_per_source_are_bounded()
    {
        var policy = Synthesized();
        for (var i = 0; i < PolicyRules.MaxResultsPerSource; i++)
        {
            policy = policy.Apply(Compilation());
        }

        RecordCompilation.Decide(SubmissionFor(PolicyId, policy.Version), policy, Compilation()).Rejection!.Kind.ShouldBe("rule-violated");
    }
}
