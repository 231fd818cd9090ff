using Acgs.Ledger.Amendments;
using Acgs.Ledger.Constitution;

namespace Acgs.Protocol.Tests.Governance;

public sealed class constitution_rules
{
    private static readonly IReadOnlyList<Principle> Principles =
        [new("P1", "Transparency", "Every act is recorded.", 1), new("P2", "Oversight", "Humans review.", 3)];

    private static readonly MetaRules Rules = new(3, 2, 3, 3600, AbstentionRule.CountTowardQuorumOnly);

    [Fact]
    public void changes_add_modify_and_repeal_principles_and_replace_the_meta_rules()
    {
        AmendmentChange[] changes =
        [
            new(AmendmentChangeKind.AddPrinciple, "P3", "Appeal", "Every decision can be appealed."),
            new(AmendmentChangeKind.ModifyPrinciple, "P2", "Oversight", "Humans review every decision."),
            new(AmendmentChangeKind.RepealPrinciple, "P1"),
            new(AmendmentChangeKind.ChangeMetaRules, MetaRules: Rules with { Quorum = 4 }),
        ];
        ConstitutionRules.CheckChanges(Principles, Rules, changes, councilSize: 5).ShouldBeNull();

        var (principles, rules) = ConstitutionRules.ApplyChanges(Principles, Rules, changes);

        principles.ShouldBe([new Principle("P2", "Oversight", "Humans review every decision.", 4), new Principle("P3", "Appeal", "Every decision can be appealed.", 1)]);
        rules.Quorum.ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(RefusedChanges))]
    public void changes_that_cannot_apply_are_refused_with_a_reason(AmendmentChange change, string reason)
    {
        ConstitutionRules.CheckChanges(Principles, Rules, [change], councilSize: 3).ShouldNotBeNull().ShouldContain(reason);
    }

    public static TheoryData<AmendmentChange, string> RefusedChanges() => new()
    {
        { new AmendmentChange(AmendmentChangeKind.RepealPrinciple, "P9"), "no principle P9" },
        { new AmendmentChange(AmendmentChangeKind.ModifyPrinciple, "P9", "T", "X"), "no principle P9" },
        { new AmendmentChange(AmendmentChangeKind.AddPrinciple, "P1", "T", "X"), "already exists" },
        { new AmendmentChange(AmendmentChangeKind.AddPrinciple, "P 1", "T", "X"), "principle id" },
        { new AmendmentChange(AmendmentChangeKind.AddPrinciple, "P3", " ", "X"), "title" },
        { new AmendmentChange(AmendmentChangeKind.AddPrinciple, "P3", "T", null), "title and text are required" },
        { new AmendmentChange(AmendmentChangeKind.RepealPrinciple, "P1", "T", "X"), "not allowed" },
        { new AmendmentChange(AmendmentChangeKind.ChangeMetaRules, MetaRules: Rules with { Quorum = 4 }), "larger than the Council" },
        { new AmendmentChange(AmendmentChangeKind.ChangeMetaRules, MetaRules: Rules with { ApprovalNumerator = 0 }), "outside (0, 1]" },
        { new AmendmentChange(AmendmentChangeKind.ChangeMetaRules, MetaRules: Rules with { ApprovalNumerator = 4 }), "outside (0, 1]" },
        { new AmendmentChange(AmendmentChangeKind.ChangeMetaRules, MetaRules: Rules with { VotingWindowSeconds = 0 }), "votingWindowSeconds" },
        { new AmendmentChange(AmendmentChangeKind.ChangeMetaRules, "P1", MetaRules: Rules), "principleId is not allowed" },
    };

    [Fact]
    public void a_principle_changed_twice_in_one_amendment_is_refused()
    {
        ConstitutionRules.CheckChanges(Principles, Rules,
            [new(AmendmentChangeKind.ModifyPrinciple, "P1", "T", "X"), new(AmendmentChangeKind.RepealPrinciple, "P1")], 3)
            .ShouldNotBeNull().ShouldContain("more than once");
    }
}
