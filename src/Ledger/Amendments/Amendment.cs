using Acgs.Ledger.Constitution;

namespace Acgs.Ledger.Amendments;

public enum AmendmentChangeKind
{
    AddPrinciple,
    ModifyPrinciple,
    RepealPrinciple,
    ChangeMetaRules,
}

// One change to the constitution: a principle added, modified or repealed, or new meta-rules.
// Members that do not belong to the kind must be absent (ConstitutionRules.CheckChanges).
public sealed record AmendmentChange(
    AmendmentChangeKind Kind,
    string? PrincipleId = null,
    string? Title = null,
    string? Text = null,
    MetaRules? MetaRules = null);

public enum VoteChoice
{
    For,
    Against,
    Abstain,
}

public enum AmendmentRejectionReason
{
    WindowClosed,
    ThresholdUnreachable,
    Rebase,
}

public enum AmendmentStatus
{
    Open,
    Ratified,
    Rejected,
    Withdrawn,
}

public sealed record Tally(int For, int Against, int Abstain, int Eligible);

// The voters are the Council at the moment of proposal, frozen here; the deadline is the proposal's
// submittedAt plus the voting window of the base constitution, so both are fixed by the signed act.
public sealed record AmendmentProposed(
    Guid AmendmentId,
    Guid ConstitutionId,
    int BaseVersion,
    Guid ProposedBy,
    string Title,
    string Rationale,
    IReadOnlyList<AmendmentChange> Changes,
    IReadOnlyList<Guid> Voters,
    DateTimeOffset Deadline);

public sealed record AmendmentVoteCast(Guid AmendmentId, Guid VoterId, VoteChoice Choice, string Reason);

public sealed record AmendmentWithdrawn(Guid AmendmentId, Guid WithdrawnBy, string Reason);

// Derived by the System actor (DESIGN §4.5); `causes` are the proposal's and counted votes' hashes.
public sealed record AmendmentRatified(Guid AmendmentId, int ConstitutionVersion, Tally Tally, IReadOnlyList<string> Causes);

public sealed record AmendmentRejected(Guid AmendmentId, AmendmentRejectionReason Reason, Tally Tally, IReadOnlyList<string> Causes);

// An amendment as its stream says, for the decisions on votes and withdrawal. Which votes count is
// decided from their sealed recordedAt (AmendmentDecision), not from this state.
public sealed record AmendmentState(
    Guid Id,
    Guid ConstitutionId,
    int BaseVersion,
    Guid ProposedBy,
    IReadOnlyList<Guid> Voters,
    DateTimeOffset Deadline,
    IReadOnlyList<Guid> Voted,
    AmendmentStatus Status,
    long Version)
{
    public bool HasVoted(Guid voterId) => Voted.Contains(voterId);

    public static AmendmentState Create(AmendmentProposed proposed) =>
        new(proposed.AmendmentId, proposed.ConstitutionId, proposed.BaseVersion, proposed.ProposedBy, proposed.Voters,
            proposed.Deadline, [], AmendmentStatus.Open, 1);

    public AmendmentState Apply(AmendmentVoteCast vote) => this with { Voted = [.. Voted, vote.VoterId], Version = Version + 1 };

    public AmendmentState Apply(AmendmentWithdrawn withdrawn) => this with { Status = AmendmentStatus.Withdrawn, Version = Version + 1 };

    public AmendmentState Apply(AmendmentRatified ratified) => this with { Status = AmendmentStatus.Ratified, Version = Version + 1 };

    public AmendmentState Apply(AmendmentRejected rejected) => this with { Status = AmendmentStatus.Rejected, Version = Version + 1 };
}

// A durable Wolverine message: judge the amendment now. Sent after each vote and scheduled for the
// deadline; it carries no authority, only a reason to look (DESIGN §4.5).
public sealed record EvaluateAmendment(Guid AmendmentId);

// Published through the outbox with a ratification, for subscribers on this node and beyond.
public sealed record AmendmentRatifiedNotification(Guid AmendmentId, Guid ConstitutionId, int ConstitutionVersion);
