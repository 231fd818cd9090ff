using Acgs.Ledger.Constitution;
using Acgs.Ledger.Sealing;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Acgs.Ledger.Amendments.Deciding;

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
    public async Task<AmendmentStatus> EvaluateAsync(Guid amendmentId, CancellationToken token)
    {
        var rows = await SealedStream.ReadAsync(dataSource, amendmentId, token);
        if (rows.Count == 0 || rows[0].Type != EventTypes.AmendmentProposed)
        {
            logger.LogWarning("no amendment {AmendmentId} to evaluate", amendmentId);
            return AmendmentStatus.Open;
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
                    return AmendmentStatus.Ratified;
                case EventTypes.AmendmentRejected:
                    return AmendmentStatus.Rejected;
                case EventTypes.AmendmentWithdrawn:
                    return AmendmentStatus.Withdrawn;
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
                return ratified ? AmendmentStatus.Ratified : AmendmentStatus.Open;
            case AmendmentStatus.Rejected:
                var rejected = await system.AppendAsync(
                    [
                        new SystemEvent(amendmentId, head, EventTypes.AmendmentRejected,
                            new AmendmentRejected(amendmentId, verdict.Reason!.Value, verdict.Tally, verdict.Causes)),
                    ],
                    [], token);
                return rejected ? AmendmentStatus.Rejected : AmendmentStatus.Open;
            default:
                return AmendmentStatus.Open;
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
