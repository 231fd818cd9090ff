using Acgs.Ledger.Amendments;

namespace Acgs.Ledger.Constitution;

public sealed record Principle(string Id, string Title, string Text, int Version);

// How votes on an amendment are judged. Ratios are integer numerator and denominator: JSON
// numbers in signed documents are integers only (DESIGN §4.1). The voting window is in seconds so
// that a deadline is exact to the millisecond the seal records.
public sealed record MetaRules(
    int Quorum,
    int ApprovalNumerator,
    int ApprovalDenominator,
    long VotingWindowSeconds,
    AbstentionRule Abstentions);

public enum AbstentionRule
{
    CountTowardQuorumOnly,
    CountAsAgainst,
    Ignored,
}

// Version 1 of the constitution stream, adopted at genesis; later versions come only from
// ratified amendments.
public sealed record ConstitutionAdopted(Guid ConstitutionId, IReadOnlyList<Principle> Principles, MetaRules MetaRules);

// A ratified amendment's changes, applied by the System actor; `causes` are the hashes of the
// proposal and the counted votes that justify it (DESIGN §4.5).
public sealed record ConstitutionAmended(
    Guid ConstitutionId,
    int Version,
    Guid AmendmentId,
    IReadOnlyList<AmendmentChange> Changes,
    IReadOnlyList<string> Causes);

// The constitution at one version. Its stream holds exactly one event per version, so the
// stream's version is the constitution's.
public sealed record ConstitutionState(Guid Id, int Version, IReadOnlyList<Principle> Principles, MetaRules MetaRules)
{
    public static ConstitutionState Create(ConstitutionAdopted adopted) =>
        new(adopted.ConstitutionId, 1, adopted.Principles, adopted.MetaRules);

    public ConstitutionState Apply(ConstitutionAmended amended)
    {
        var (principles, metaRules) = ConstitutionRules.ApplyChanges(Principles, MetaRules, amended.Changes);
        return this with { Version = amended.Version, Principles = principles, MetaRules = metaRules };
    }
}
