using System.Text;
using Acgs.Ledger;
using Acgs.Ledger.Amendments;
using Acgs.Ledger.Amendments.Deciding;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Policies;

namespace Acgs.Cli.Demo;

// What the demo did, for its summary.
internal sealed record DemoSummary(
    IReadOnlyList<DemoActor> Actors,
    int ConstitutionVersion,
    int Principles,
    int Ratified,
    int Rejected,
    int Withdrawn,
    IReadOnlyDictionary<string, int> PolicyStages,
    DateTimeOffset BeforeFirstRatification,
    Guid SupersededPolicy,
    int ActsSealed,
    int SystemActs);

// The history the demo writes, act by act, as the people and services of an AI-governance council
// would: the Council grows the constitution to a dozen principles over three ratified amendments,
// turns one down and sees one withdrawn; GS, FV, PGC and the Admin take policies through every stage.
// Each System decision is awaited in the audit trail before the next act depends on it.
internal sealed class DemoHistory(DemoLedger ledger, LedgerCreated created, ConstitutionAdopted adopted, DemoCast cast, TextWriter output)
{
    private static readonly string[] ReasonsFor =
    [
        "Consistent with our commitment to transparency; the wording is testable.",
        "Strengthens accountability without slowing legitimate review.",
        "Overdue. The incident reviews of last year asked for exactly this.",
        "Sound, and the synthesis service can derive a checkable policy from it.",
    ];

    private static readonly string[] ReasonsAgainst =
    [
        "Verification before activation is not negotiable (P4 and its successors).",
        "An emergency path without prior review would become the normal path.",
        "The reporting duty afterwards does not undo harm done in the meantime.",
    ];

    private const string Synthesized = "synthesized";
    private const string Compiled = "verified and compiled";
    private const string Active = "active";

    private readonly List<Principle> principles = [.. adopted.Principles];
    private readonly Dictionary<string, int> stages = new(StringComparer.Ordinal);
    private int constitutionVersion = 1;
    private int ratified;
    private int rejected;
    private int withdrawn;
    private int systemActs;

    private sealed record DemoAmendment(AmendmentProposed Proposal, DemoReceipt Proposed);

    private sealed class DemoPolicy(Guid id, string name)
    {
        public Guid Id { get; } = id;
        public string Name { get; } = name;
        public long Version { get; set; }
        public string SourceHash { get; set; } = string.Empty;
    }

    public async Task<DemoSummary> WriteAsync(CancellationToken token)
    {
        await RegisterAsync(token);

        var additions = Additions();
        var thirds = Enumerable.Range(0, 3).Select(part => additions[(part * additions.Count / 3)..((part + 1) * additions.Count / 3)]).ToList();
        var first = await RatifyAsync("Foundations of accountable automation",
            "The Council's first programme: make automated decisions traceable and explainable.", thirds[0], [], token);
        var modified = thirds[0].FirstOrDefault(change => change.Title == DemoContent.ModifiedPrinciple.Title) is { } explainability
            ? [new AmendmentChange(AmendmentChangeKind.ModifyPrinciple, explainability.PrincipleId, DemoContent.ModifiedPrinciple.Title, DemoContent.ModifiedPrinciple.Text)]
            : Array.Empty<AmendmentChange>();
        var second = await RatifyAsync("Rights of affected people",
            "People affected by automated decisions need timely explanations, privacy and a route of appeal.", thirds[1], modified, token);
        var third = await RatifyAsync("Safety, review and sustainability",
            "Completes the constitution with operational duties for safety, incidents and periodic review.", thirds[2], [], token);
        await RejectAsync(token);
        await WithdrawAsync(token);

        var superseded = await PoliciesAsync(first.Proposal.AmendmentId, second.Proposal.AmendmentId, third.Proposal.AmendmentId, token);
        return new DemoSummary(cast.Actors, constitutionVersion, principles.Count, ratified, rejected, withdrawn, stages,
            first.Proposed.RecordedAt, superseded, ledger.ActsSealed, systemActs);
    }

    private async Task RegisterAsync(CancellationToken token)
    {
        foreach (var actor in cast.Actors)
        {
            await ledger.WriteAsync(cast.Admin, "/v1/actors", EventTypes.ActorRegistered, actor.ActorId, 0,
                new ActorRegistered(actor.ActorId, actor.Name, actor.Roles, actor.Key.PublicKey.ToBase64(),
                    ProofOfPossession.For(created.LedgerId, actor.ActorId, actor.Key.PublicKey).Sign(actor.Key)), token);
            output.WriteLine($"registered   {string.Join(", ", actor.Roles).ToLowerInvariant(),-12} {actor.Name} ({actor.ActorId:D})");
        }
    }

    // Enough new principles for a dozen, and never fewer than one per ratified amendment.
    private List<AmendmentChange> Additions()
    {
        var wanted = Math.Max(3, DemoContent.PrinciplesWanted - principles.Count);
        var ids = principles.Select(principle => principle.Id).ToHashSet(StringComparer.Ordinal);
        var titles = principles.Select(principle => principle.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return DemoContent.Principles.Where(principle => !titles.Contains(principle.Title)).Take(wanted)
            .Select(principle => new AmendmentChange(AmendmentChangeKind.AddPrinciple, NewId(ids), principle.Title, principle.Text))
            .ToList();
    }

    private static string NewId(HashSet<string> taken)
    {
        var number = 1;
        while (!taken.Add($"P{number}"))
        {
            number++;
        }
        return $"P{number}";
    }

    private async Task<DemoAmendment> ProposeAsync(DemoActor proposer, string title, string rationale, IReadOnlyList<AmendmentChange> changes,
        CancellationToken token)
    {
        var amendmentId = Guid.CreateVersion7();
        AmendmentProposed? proposal = null;
        var proposed = await ledger.WriteAsync(proposer, "/v1/amendments", EventTypes.AmendmentProposed, amendmentId, 0, submittedAt =>
            proposal = new AmendmentProposed(amendmentId, created.ConstitutionId, constitutionVersion, proposer.ActorId, title, rationale, changes,
                cast.Council.Select(member => member.ActorId).ToList(), submittedAt.AddSeconds(adopted.MetaRules.VotingWindowSeconds)), token);
        output.WriteLine($"proposed     {title} ({amendmentId:D}, {changes.Count} changes)");
        return new DemoAmendment(proposal!, proposed);
    }

    // Council members vote in turn until the amendment's fate is decided by the same pure decision the
    // System actor runs: a vote after that would be refused as the amendment closes.
    private async Task<(AmendmentStatus Outcome, long Version)> VoteAsync(DemoAmendment amendment, VoteChoice choice, string[] reasons,
        CancellationToken token)
    {
        var amendmentId = amendment.Proposal.AmendmentId;
        var version = amendment.Proposed.Version;
        var votes = new List<RecordedVote>();
        foreach (var member in cast.Council)
        {
            var ballot = await ledger.WriteAsync(member, $"/v1/amendments/{amendmentId:D}/votes", EventTypes.AmendmentVoteCast, amendmentId, version,
                new AmendmentVoteCast(amendmentId, member.ActorId, choice, reasons[votes.Count % reasons.Length]), token);
            version = ballot.Version;
            votes.Add(new RecordedVote(member.ActorId, choice, ballot.RecordedAt, ballot.EventHash));
            var verdict = AmendmentDecision.Judge(amendment.Proposal, amendment.Proposed.EventHash, adopted.MetaRules, votes, constitutionVersion, ballot.RecordedAt);
            if (verdict.Outcome != AmendmentStatus.Open)
            {
                return (verdict.Outcome, version);
            }
        }
        return (AmendmentStatus.Open, version);
    }

    private async Task<DemoAmendment> RatifyAsync(string title, string rationale, IReadOnlyList<AmendmentChange> additions,
        IReadOnlyList<AmendmentChange> modifications, CancellationToken token)
    {
        IReadOnlyList<AmendmentChange> changes = [.. additions, .. modifications];
        var amendment = await ProposeAsync(cast.Proposer, title, rationale, changes, token);
        await ExpectAsync(amendment, await VoteAsync(amendment, VoteChoice.For, ReasonsFor, token), AmendmentStatus.Ratified,
            EventTypes.AmendmentRatified, token);
        (var next, _) = ConstitutionRules.ApplyChanges(principles, adopted.MetaRules, changes);
        principles.Clear();
        principles.AddRange(next);
        constitutionVersion++;
        ratified++;
        // The ratification and the constitution's next version.
        systemActs += 2;
        output.WriteLine($"ratified     by the System actor: constitution version {constitutionVersion}, {principles.Count} principles");
        return amendment;
    }

    private async Task RejectAsync(CancellationToken token)
    {
        var (title, text) = DemoContent.RejectedPrinciple;
        var ids = principles.Select(principle => principle.Id).ToHashSet(StringComparer.Ordinal);
        var amendment = await ProposeAsync(cast.Proposer, "Emergency activation of unverified policies",
            "Operators need a way to act within minutes when a model misbehaves in production.",
            [new AmendmentChange(AmendmentChangeKind.AddPrinciple, NewId(ids), title, text)], token);
        await ExpectAsync(amendment, await VoteAsync(amendment, VoteChoice.Against, ReasonsAgainst, token), AmendmentStatus.Rejected,
            EventTypes.AmendmentRejected, token);
        rejected++;
        systemActs++;
        output.WriteLine("rejected     by the System actor: the approval threshold can no longer be reached");
    }

    private async Task WithdrawAsync(CancellationToken token)
    {
        var (title, text) = DemoContent.WithdrawnPrinciple;
        var ids = principles.Select(principle => principle.Id).ToHashSet(StringComparer.Ordinal);
        var amendment = await ProposeAsync(cast.Proposer, "A public model registry", "Outsiders cannot audit models they cannot see.",
            [new AmendmentChange(AmendmentChangeKind.AddPrinciple, NewId(ids), title, text)], token);
        var amendmentId = amendment.Proposal.AmendmentId;
        var member = cast.Council[0];
        var vote = await ledger.WriteAsync(member, $"/v1/amendments/{amendmentId:D}/votes", EventTypes.AmendmentVoteCast, amendmentId,
            amendment.Proposed.Version, new AmendmentVoteCast(amendmentId, member.ActorId, VoteChoice.Abstain, "Support the aim; the scope needs work."), token);
        await ledger.WriteAsync(cast.Proposer, $"/v1/amendments/{amendmentId:D}/withdrawal", EventTypes.AmendmentWithdrawn, amendmentId, vote.Version,
            new AmendmentWithdrawn(amendmentId, cast.Proposer.ActorId, "Redrafting with the privacy board: the registry must not expose training data."),
            token);
        withdrawn++;
        output.WriteLine("withdrawn    by its proposer, to redraft");
    }

    private async Task ExpectAsync(DemoAmendment amendment, (AmendmentStatus Outcome, long Version) voted, AmendmentStatus expected, string systemType,
        CancellationToken token)
    {
        if (voted.Outcome != expected)
        {
            throw new InvalidOperationException(
                $"the Council's votes left amendment {amendment.Proposal.AmendmentId:D} {voted.Outcome.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}; the constitution's meta-rules do not suit the demo");
        }
        await ledger.AwaitSystemActAsync(cast.Auditor, amendment.Proposal.AmendmentId, systemType, token);
    }

    // Returns the policy that was superseded.
    private async Task<Guid> PoliciesAsync(Guid first, Guid second, Guid third, CancellationToken token)
    {
        // Flawed, caught by verification, fixed, then verified, compiled and put in force.
        var logging = await SynthesizeAsync("decision-logging", first, DemoContent.DecisionLoggingFlawed, null, token);
        await VerifyAsync(logging, VerificationVerdict.Failed, ["default deny", "every allowed decision names its actor"], token);
        await ResynthesizeAsync(logging, first, DemoContent.DecisionLogging, token);
        await VerifyAsync(logging, VerificationVerdict.Passed, ["default deny", "every allowed decision names its actor", "every allowed decision names its policy"], token);
        await CompileAsync(logging, token);
        await ActivateAsync(logging, token);

        // In force, then replaced by a version that also covers appeals: the System actor supersedes it.
        var review = await SynthesizeAsync("human-review", first, DemoContent.HumanReview, null, token);
        await VerifyAsync(review, VerificationVerdict.Passed, ["default: no review required", "high impact requires review"], token);
        await CompileAsync(review, token);
        await ActivateAsync(review, token);
        var appeal = await SynthesizeAsync("human-review-with-appeal", second, DemoContent.HumanReviewWithAppeal, review.Id, token);
        await VerifyAsync(appeal, VerificationVerdict.Passed, ["high impact requires review", "an appealed decision requires review"], token);
        await CompileAsync(appeal, token);
        await ActivateAsync(appeal, token);
        await ledger.AwaitSystemActAsync(cast.Auditor, review.Id, EventTypes.PolicySuperseded, token);
        Move(Active, "superseded");
        systemActs++;
        output.WriteLine($"superseded   by the System actor: {review.Name} by {appeal.Name}");

        // In force, then revoked by the Council.
        var retention = await SynthesizeAsync("data-retention", second, DemoContent.DataRetention, null, token);
        await VerifyAsync(retention, VerificationVerdict.Passed, ["nothing kept past 365 days", "nothing kept without an active purpose"], token);
        await CompileAsync(retention, token);
        await ActivateAsync(retention, token);
        var member = cast.Council[1];
        retention.Version = (await ledger.WriteAsync(member, $"/v1/policies/{retention.Id:D}/revocation", EventTypes.PolicyRevoked, retention.Id,
            retention.Version, new PolicyRevoked(retention.Id, "Retention periods move to the privacy board's schedule, per dataset."), token)).Version;
        Move(Active, "revoked");
        output.WriteLine($"revoked      {retention.Name} by {member.Name}");

        // Waiting for verification, and verified and compiled but not yet in force.
        await SynthesizeAsync("disparate-impact", third, DemoContent.DisparateImpact, null, token);
        var incidents = await SynthesizeAsync("incident-escalation", third, DemoContent.IncidentEscalation, null, token);
        await VerifyAsync(incidents, VerificationVerdict.Passed, ["critical incidents notify the Council", "notification within 48 hours"], token);
        await CompileAsync(incidents, token);
        return review.Id;
    }

    private void Move(string from, string to)
    {
        stages[from]--;
        stages[to] = stages.GetValueOrDefault(to) + 1;
    }

    private async Task<DemoPolicy> SynthesizeAsync(string name, Guid amendmentId, string source, Guid? supersedes, CancellationToken token)
    {
        var policy = new DemoPolicy(Guid.CreateVersion7(), name);
        await SynthesisAsync(policy, amendmentId, source, supersedes, token);
        stages[Synthesized] = stages.GetValueOrDefault(Synthesized) + 1;
        output.WriteLine($"synthesized  {name} ({policy.Id:D})");
        return policy;
    }

    private async Task ResynthesizeAsync(DemoPolicy policy, Guid amendmentId, string source, CancellationToken token)
    {
        await SynthesisAsync(policy, amendmentId, source, null, token);
        output.WriteLine($"resynthesized {policy.Name}");
    }

    private async Task SynthesisAsync(DemoPolicy policy, Guid amendmentId, string source, Guid? supersedes, CancellationToken token)
    {
        policy.SourceHash = Sha256Hex.Of(Encoding.UTF8.GetBytes(source));
        var generator = new GeneratorProvenance("acgs-gs", "2.3.0", "policy-synthesizer-7b", Sha256Hex.Of(amendmentId.ToByteArray()));
        policy.Version = (await ledger.WriteAsync(cast.Synthesizer, "/v1/policies", EventTypes.PolicySynthesized, policy.Id, policy.Version,
            new PolicySynthesized(policy.Id, amendmentId, policy.Name, "rego", source, policy.SourceHash, generator, supersedes), token)).Version;
    }

    private async Task VerifyAsync(DemoPolicy policy, VerificationVerdict verdict, IReadOnlyList<string> properties, CancellationToken token)
    {
        var report = Sha256Hex.Of(Encoding.UTF8.GetBytes($"fv-report\n{policy.SourceHash}\n{verdict}\n{string.Join('\n', properties)}"));
        policy.Version = (await ledger.WriteAsync(cast.Verifier, $"/v1/policies/{policy.Id:D}/verifications", EventTypes.PolicyVerificationRecorded,
            policy.Id, policy.Version, new PolicyVerificationRecorded(policy.Id, policy.SourceHash, verdict, properties, "z3", "4.13.4", report), token)).Version;
        output.WriteLine($"verified     {policy.Name}: {verdict.ToString().ToLowerInvariant()}");
    }

    private async Task CompileAsync(DemoPolicy policy, CancellationToken token)
    {
        var artifact = Sha256Hex.Of(Encoding.UTF8.GetBytes($"opa-wasm\n{policy.SourceHash}"));
        policy.Version = (await ledger.WriteAsync(cast.Compiler, $"/v1/policies/{policy.Id:D}/compilations", EventTypes.PolicyCompiled,
            policy.Id, policy.Version, new PolicyCompiled(policy.Id, policy.SourceHash, "wasm", artifact, "opa", "1.4.2"), token)).Version;
        Move(Synthesized, Compiled);
        output.WriteLine($"compiled     {policy.Name} to wasm");
    }

    private async Task ActivateAsync(DemoPolicy policy, CancellationToken token)
    {
        policy.Version = (await ledger.WriteAsync(cast.Admin, $"/v1/policies/{policy.Id:D}/activation", EventTypes.PolicyActivated,
            policy.Id, policy.Version, new PolicyActivated(policy.Id, policy.SourceHash), token)).Version;
        Move(Compiled, Active);
        output.WriteLine($"activated    {policy.Name}");
    }
}
