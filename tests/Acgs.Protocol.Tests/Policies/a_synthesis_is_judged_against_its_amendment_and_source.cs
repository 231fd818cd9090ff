using Acgs.Ledger.Amendments;
using Acgs.Ledger.Policies;
using Acgs.Ledger.Policies.Activating;
using Acgs.Ledger.Policies.Superseding;
using Acgs.Ledger.Policies.Synthesizing;
using Acgs.Ledger.Sealing;
using static Acgs.Protocol.Tests.Policies.PolicyFacts;

namespace Acgs.Protocol.Tests.Policies;

public sealed class a_synthesis_is_judged_against_its_amendment_and_source
{
    private static readonly AmendmentState Ratified = Amendment(AmendmentStatus.Ratified);

    private static ActOutcome First(PolicySynthesized synthesis, AmendmentState? amendment = null, PolicyState? superseded = null) =>
        SynthesizePolicy.Decide(SubmissionFor(synthesis.PolicyId, 0), null, amendment ?? Ratified, superseded, synthesis);

    [Fact]
    public void a_synthesis_from_a_ratified_amendment_starts_the_policy()
    {
        var outcome = First(Synthesis());

        outcome.Rejection.ShouldBeNull();
        var state = PolicyState.Create((PolicySynthesized)outcome.Event!);
        state.Status.ShouldBe(PolicyStatus.Synthesized);
        state.SourceHash.ShouldBe(HashOf(Source));
        state.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData(AmendmentStatus.Open)]
    [InlineData(AmendmentStatus.Rejected)]
    [InlineData(AmendmentStatus.Withdrawn)]
    public void an_amendment_that_is_not_ratified_is_refused(AmendmentStatus status)
    {
        var outcome = First(Synthesis(), Amendment(status));

        outcome.Rejection!.Kind.ShouldBe("rule-violated");
        outcome.Rejection.Detail.ShouldContain("ratified");
    }

    [Fact]
    public void an_unknown_amendment_is_not_found()
    {
        SynthesizePolicy.Decide(SubmissionFor(PolicyId, 0), null, null, null, Synthesis()).Rejection!.Kind.ShouldBe("not-found");
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not a hash")]
    public void a_source_hash_that_is_not_the_sources_is_refused(string sourceHash)
    {
        First(Synthesis() with { SourceHash = sourceHash }).Rejection!.Detail.ShouldContain("sourceHash");
    }

    [Fact]
    public void the_source_the_language_and_the_name_are_bounded()
    {
        var tooLarge = new string('a', PolicyRules.MaxSourceBytes + 1);

        First(Synthesis(tooLarge)).Rejection!.Detail.ShouldContain("source");
        First(Synthesis() with { Language = "python" }).Rejection!.Detail.ShouldContain("language");
        First(Synthesis() with { Name = new string('n', PolicyRules.MaxNameLength + 1) }).Rejection!.Detail.ShouldContain("name");
        First(Synthesis() with { Generator = new GeneratorProvenance("gs", "") }).Rejection!.Detail.ShouldContain("generator.version");
    }

    [Fact]
    public void a_source_at_the_byte_limit_in_multibyte_characters_is_counted_in_bytes()
    {
        var euros = new string('€', PolicyRules.MaxSourceBytes / 3 + 1);

        First(Synthesis(euros)).Rejection!.Detail.ShouldContain("bytes of UTF-8");
    }

    [Fact]
    public void a_resynthesis_names_the_current_version_and_changes_the_source()
    {
        var policy = Synthesized();

        SynthesizePolicy.Decide(SubmissionFor(PolicyId, 1), policy, Ratified, null, Synthesis(NextSource)).Rejection.ShouldBeNull();
        SynthesizePolicy.Decide(SubmissionFor(PolicyId, 1), policy, Ratified, null, Synthesis()).Rejection!.Detail.ShouldContain("changes the source");
        SynthesizePolicy.Decide(SubmissionFor(PolicyId, 0), policy, Ratified, null, Synthesis(NextSource)).Rejection!.Kind.ShouldBe("version-conflict");
        SynthesizePolicy.Decide(SubmissionFor(PolicyId, 1), null, Ratified, null, Synthesis(NextSource)).Rejection!.Kind.ShouldBe("not-found");
    }

    [Fact]
    public void an_active_policy_is_replaced_by_a_new_one_not_resynthesized()
    {
        var active = VerifiedAndCompiled().Apply(new PolicyActivated(PolicyId, HashOf(Source)));

        SynthesizePolicy.Decide(SubmissionFor(PolicyId, active.Version), active, Ratified, null, Synthesis(NextSource))
            .Rejection!.Detail.ShouldContain("supersedes");
    }

    [Fact]
    public void supersedes_names_an_active_policy_other_than_itself()
    {
        var active = VerifiedAndCompiled().Apply(new PolicyActivated(PolicyId, HashOf(Source)));
        var nextId = Guid.CreateVersion7();

        First(Synthesis(NextSource, nextId, PolicyId), superseded: active).Rejection.ShouldBeNull();
        First(Synthesis(NextSource, nextId, PolicyId), superseded: Synthesized()).Rejection!.Detail.ShouldContain("only an active policy");
        First(Synthesis(NextSource, nextId, PolicyId)).Rejection!.Kind.ShouldBe("not-found");
        First(Synthesis(NextSource, nextId, nextId)).Rejection!.Detail.ShouldContain("itself");
    }

    [Fact]
    public void activating_a_superseding_policy_enrolls_its_supersession_which_replaces_only_an_active_policy()
    {
        var superseding = VerifiedAndCompiled(supersedes: Guid.CreateVersion7());
        var active = VerifiedAndCompiled().Apply(new PolicyActivated(PolicyId, HashOf(Source)));
        var activationHash = HashOf("activation");

        var outcome = ActivatePolicy.Decide(SubmissionFor(PolicyId, superseding.Version), superseding, new PolicyActivated(PolicyId, HashOf(Source)));

        outcome.Messages.ShouldHaveSingleItem().Message.ShouldBe(new SupersedePolicy(PolicyId));
        var supersession = PolicySupersession.Decide(superseding.Id, activationHash, active).ShouldNotBeNull();
        supersession.Causes.ShouldBe([activationHash]);
        active.Apply(supersession).Status.ShouldBe(PolicyStatus.Superseded);
        PolicySupersession.Decide(superseding.Id, activationHash, active.Apply(supersession)).ShouldBeNull();
        PolicySupersession.Decide(superseding.Id, activationHash, active.Apply(new PolicyRevoked(PolicyId, "withdrawn"))).ShouldBeNull();
        PolicySupersession.Decide(superseding.Id, activationHash, null).ShouldBeNull();
    }
}
