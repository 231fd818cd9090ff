using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Ledger.Amendments;

public static class AmendmentRules
{
    public const int MaxTitleLength = 200;
    public const int MaxRationaleLength = 10_000;
    public const int MaxReasonLength = 2000;
    public const int MaxChanges = 100;

    public static string? RequireProposer(ActorState signer) =>
        signer.Has(Role.Proposer) || signer.Has(Role.Council) ? null : "only a Proposer or a Council member may propose an amendment";

    public static string? RequireCouncil(ActorState signer) => signer.Has(Role.Council) ? null : "only a Council member may vote";

    public static async Task<ConstitutionState?> LoadConstitutionAsync(ActContext context, Guid constitutionId, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Session.Events.FetchLatest<ConstitutionState>(constitutionId, token);
    }

    public static async Task<AmendmentState?> LoadAsync(ActContext context, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Session.Events.FetchLatest<AmendmentState>(context.Submission.StreamId, token);
    }

    // The Council as it stands: active actors holding the Council role. Frozen into each proposal.
    public static async Task<IReadOnlyList<Guid>> LoadCouncilAsync(IQuerySession session, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(session);
        var council = await session.AdvancedSql.QueryAsync<Guid>(
            $$"""select id from {{LedgerSchema.Schema}}.mt_doc_actorstate where data -> 'roles' @> '["council"]' and not (data ->> 'suspended')::boolean order by id""",
            token);
        return council;
    }

    public static SubmissionRejection? CheckOpen(AmendmentState amendment) => amendment.Status == AmendmentStatus.Open
        ? null
        : SubmissionRejection.AmendmentClosed(amendment.Status.ToString().ToLowerInvariant());
}
