namespace Acgs.Ledger.Constitution;

public sealed record Principle(string Id, string Title, string Text, int Version);

// How votes on an amendment are judged. Ratios are integer numerator and denominator: JSON
// numbers in signed documents are integers only (DESIGN §4.1).
public sealed record MetaRules(
    int Quorum,
    int ApprovalNumerator,
    int ApprovalDenominator,
    int VotingWindowHours,
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
