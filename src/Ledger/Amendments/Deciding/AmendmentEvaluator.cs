using Acgs.Ledger.Constitution;
using Acgs.Ledger.Sealing;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Acgs.Ledger.Amendments.Deciding;

// What an evaluation found: the amendment's status, and whether this evaluation decided it (rather than
// finding it decided, or still open, or losing the race to another node).
public sealed record AmendmentEvaluation(AmendmentStatus Status, bool DecidedNow);

// Runs the amendment decision on the sealed facts and, when it says so, has the System actor ratify
// or reject. Idempotent: it is triggered after every vote and at the deadline, on any node, and a
// decided amendment is left alone; two nodes deriving the same event collide at the same version.
public sealed class AmendmentEvaluator(
    IDocumentStore store,
    NpgsqlDataSource dataSource,
    SystemActor system,
    LedgerClock clock,
    ILogger<AmendmentEvaluator> logger)
{
    public async Task<AmendmentEvaluation> EvaluateAsync(Guid amendmentId, CancellationToken token)
    {
        var rows = await SealedStream.ReadAsync(dataSource, amendmentId, token);
        if (rows.Count == 0 || rows[0].Type != EventTypes.AmendmentProposed)
        {
            logger.LogWarning("no amendment {AmendmentId} to evaluate", amendmentId);
            return new AmendmentEvaluation(AmendmentStatus.Open, false);
        }
        var proposal = rows[0].Read<AmendmentProposed>();
        var votes = new List<RecordedVote>();
        foreach (var row in rows.Skip(1))
        {
            switch (row.Type)
            {
                case EventTypes.AmendmentVoteCast:
                    var vote = row.Read<AmendmentVoteCast>();
                    votes.Add(new RecordedVote(vote.VoterId, vote.Choice, row.Seal.Input.RecordedAt, row.Seal.Hash));
                    break;
                case EventTypes.AmendmentRatified:
                    return new AmendmentEvaluation(AmendmentStatus.Ratified, false);
                case EventTypes.AmendmentRejected:
                    return new AmendmentEvaluation(AmendmentStatus.Rejected, false);
                case EventTypes.AmendmentWithdrawn:
                    return new AmendmentEvaluation(AmendmentStatus.Withdrawn, false);
            }
        }

        await using var query = store.QuerySession();
        var constitution = await query.LoadAsync<ConstitutionState>(proposal.ConstitutionId, token)
            ?? throw new InvalidOperationException($"amendment {amendmentId} names no constitution {proposal.ConstitutionId}");
        var verdict = AmendmentDecision.Judge(proposal, rows[0].Seal.Hash, constitution.MetaRules, votes, constitution.Version, clock.Now());
        var head = rows[^1].Version;
        switch (verdict.Outcome)
        {
            case AmendmentStatus.Ratified:
                var version = constitution.Version + 1;
                var others = await OpenAmendmentsAsync(query, proposal.ConstitutionId, amendmentId, token);
                IReadOnlyList<OutboxMessage> messages =
                [
                    new(new AmendmentRatifiedNotification(amendmentId, proposal.ConstitutionId, version)),
                    // Every other open amendment was written against the version this one replaces.
                    .. others.Select(other => new OutboxMessage(new EvaluateAmendment(other))),
                ];
                var ratified = await system.AppendAsync(
                    [
                        new SystemEvent(proposal.ConstitutionId, constitution.Version, EventTypes.ConstitutionAmended,
                            new ConstitutionAmended(proposal.ConstitutionId, version, amendmentId, proposal.Changes, verdict.Causes)),
                        new SystemEvent(amendmentId, head, EventTypes.AmendmentRatified,
                            new AmendmentRatified(amendmentId, version, verdict.Tally, verdict.Causes)),
                    ],
                    messages, token);
                return ratified ? new AmendmentEvaluation(AmendmentStatus.Ratified, true) : new AmendmentEvaluation(AmendmentStatus.Open, false);
            case AmendmentStatus.Rejected:
                var rejected = await system.AppendAsync(
                    [
                        new SystemEvent(amendmentId, head, EventTypes.AmendmentRejected,
                            new AmendmentRejected(amendmentId, verdict.Reason!.Value, verdict.Tally, verdict.Causes)),
                    ],
                    [], token);
                return rejected ? new AmendmentEvaluation(AmendmentStatus.Rejected, true) : new AmendmentEvaluation(AmendmentStatus.Open, false);
            default:
                return new AmendmentEvaluation(AmendmentStatus.Open, false);
        }
    }

    private static async Task<IReadOnlyList<Guid>> OpenAmendmentsAsync(IQuerySession query, Guid constitutionId, Guid except, CancellationToken token) =>
        await query.AdvancedSql.QueryAsync<Guid>(
            $"""
            select id from {LedgerSchema.Schema}.mt_doc_amendmentstate
            where data ->> 'status' = 'open' and data ->> 'constitutionId' = ? and id <> ?
            """,
            token, constitutionId.ToString("D"), except);
}
