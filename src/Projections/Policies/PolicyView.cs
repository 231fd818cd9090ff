using Acgs.Ledger;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Policies;
using JasperFx;

namespace Acgs.Projections.Policies;

// Where a policy stands. Before activation the stage is judged on the current source alone, by the
// rule activation applies: verified when a verification of it passed and none failed, compiled when
// it is also compiled (so it may be activated); a failed verification keeps it synthesized until a
// resynthesis. Active, superseded and revoked are set by their events; the last two are final.
public enum PolicyStage
{
    Synthesized,
    Verified,
    Compiled,
    Active,
    Superseded,
    Revoked,
}

public sealed record PolicyVerificationView(
    string SourceHash,
    VerificationVerdict Verdict,
    IReadOnlyList<string> Properties,
    string Tool,
    string ToolVersion,
    string ArtifactHash);

public sealed record PolicyCompilationView(string SourceHash, string Target, string ArtifactHash, string Compiler, string CompilerVersion);

// A source the policy had before a resynthesis replaced it, with the results that named it. The
// source text stays in its synthesis event.
public sealed record PolicySourceView(
    string SourceHash,
    string Name,
    string Language,
    GeneratorProvenance Generator,
    IReadOnlyList<PolicyVerificationView> Verifications,
    IReadOnlyList<PolicyCompilationView> Compilations);

// A policy with its current source and the results naming that source; earlier sources, each with
// its own results, in History (oldest first).
public sealed record PolicyView(
    [property: Identity] Guid PolicyId,
    Guid AmendmentId,
    string Name,
    string Language,
    string Source,
    string SourceHash,
    GeneratorProvenance Generator,
    PolicyStage Status,
    IReadOnlyList<PolicyVerificationView> Verifications,
    IReadOnlyList<PolicyCompilationView> Compilations,
    IReadOnlyList<PolicySourceView> History,
    long Version,
    Guid? Supersedes = null,
    Guid? SupersededBy = null,
    string? RevocationReason = null)
{
    public static readonly StreamDocument<PolicyView> Document = new(
        EventTypes.PolicyEvents,
        Fold);

    public static PolicyView? Fold(PolicyView? view, object data, long version) => (view, data) switch
    {
        (null, PolicySynthesized synthesized) => new PolicyView(synthesized.PolicyId, synthesized.AmendmentId, synthesized.Name,
            synthesized.Language, synthesized.Source, synthesized.SourceHash, synthesized.Generator, PolicyStage.Synthesized, [], [], [],
            version, synthesized.Supersedes),
        (null, _) => null,
        (_, PolicySynthesized synthesized) => view.Resynthesized(synthesized, version),
        (_, PolicyVerificationRecorded recorded) => view.Recorded(new PolicyVerificationView(recorded.SourceHash, recorded.Verdict,
            recorded.Properties, recorded.Tool, recorded.ToolVersion, recorded.ArtifactHash), version),
        (_, PolicyCompiled compiled) => view.Recorded(new PolicyCompilationView(compiled.SourceHash, compiled.Target, compiled.ArtifactHash,
            compiled.Compiler, compiled.CompilerVersion), version),
        (_, PolicyActivated) => view.At(version, view.IsFinal() ? view.Status : PolicyStage.Active),
        (_, PolicyRevoked revoked) => view.At(version, PolicyStage.Revoked) with { RevocationReason = revoked.Reason },
        (_, PolicySuperseded superseded) => view.At(version, PolicyStage.Superseded) with { SupersededBy = superseded.SupersededBy },
        _ => view,
    };

    // A resynthesis replaces the source and starts its results afresh; the old source moves to History.
    private PolicyView Resynthesized(PolicySynthesized synthesized, long version) => this with
    {
        History = [.. History, new PolicySourceView(SourceHash, Name, Language, Generator, Verifications, Compilations)],
        Name = synthesized.Name,
        Language = synthesized.Language,
        Source = synthesized.Source,
        SourceHash = synthesized.SourceHash,
        Generator = synthesized.Generator,
        Supersedes = synthesized.Supersedes,
        Verifications = [],
        Compilations = [],
        Status = IsFinal() ? Status : PolicyStage.Synthesized,
        Version = version,
    };

    // A result is kept with the source it names: the current one, or an earlier one in History.
    private PolicyView Recorded(PolicyVerificationView verification, long version)
    {
        if (verification.SourceHash == SourceHash)
        {
            var verifications = (IReadOnlyList<PolicyVerificationView>)[.. Verifications, verification];
            return this with { Verifications = verifications, Status = Progress(verifications, Compilations), Version = version };
        }
        return this with { History = WithEarlier(verification.SourceHash, source => source with { Verifications = [.. source.Verifications, verification] }), Version = version };
    }

    private PolicyView Recorded(PolicyCompilationView compilation, long version)
    {
        if (compilation.SourceHash == SourceHash)
        {
            var compilations = (IReadOnlyList<PolicyCompilationView>)[.. Compilations, compilation];
            return this with { Compilations = compilations, Status = Progress(Verifications, compilations), Version = version };
        }
        return this with { History = WithEarlier(compilation.SourceHash, source => source with { Compilations = [.. source.Compilations, compilation] }), Version = version };
    }

    private PolicyStage Progress(IReadOnlyList<PolicyVerificationView> verifications, IReadOnlyList<PolicyCompilationView> compilations)
    {
        if (IsFinal() || Status == PolicyStage.Active)
        {
            return Status;
        }
        var verified = verifications.Any(result => result.Verdict == VerificationVerdict.Passed)
            && verifications.All(result => result.Verdict != VerificationVerdict.Failed);
        return !verified ? PolicyStage.Synthesized : compilations.Count == 0 ? PolicyStage.Verified : PolicyStage.Compiled;
    }

    // The latest earlier source with that hash; a result naming a source the policy never had is
    // refused when submitted, and kept nowhere here.
    private IReadOnlyList<PolicySourceView> WithEarlier(string sourceHash, Func<PolicySourceView, PolicySourceView> change)
    {
        var index = History.ToList().FindLastIndex(source => source.SourceHash == sourceHash);
        return index < 0 ? History : [.. History.Take(index), change(History[index]), .. History.Skip(index + 1)];
    }

    private bool IsFinal() => Status is PolicyStage.Superseded or PolicyStage.Revoked;

    private PolicyView At(long version, PolicyStage status) => this with { Version = version, Status = status };
}
