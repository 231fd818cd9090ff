using Acgs.Ledger.Integrity.Verification;
using Acgs.Projections.Actors;
using Acgs.Projections.Amendments;
using Acgs.Projections.Constitution;
using Acgs.Projections.Policies;
using JasperFx.Events.Projections;
using Marten;

namespace Acgs.Projections;

public static class ReadModelsConfiguration
{
    // What the verifier must also replay (VerificationOptions.ReadModels) wherever these are kept.
    public static IReadOnlyList<StreamDocument> Documents { get; } =
        [ConstitutionView.Document, AmendmentView.Document, PolicyView.Document, ActorView.Document];

    public static StoreOptions ConfigureReadModels(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Projections.Add(new StreamDocumentProjection<ConstitutionView>(ConstitutionView.Document), ProjectionLifecycle.Inline);
        options.Projections.Add(new StreamDocumentProjection<AmendmentView>(AmendmentView.Document), ProjectionLifecycle.Inline);
        options.Projections.Add(new StreamDocumentProjection<PolicyView>(PolicyView.Document), ProjectionLifecycle.Inline);
        options.Projections.Add(new StreamDocumentProjection<ActorView>(ActorView.Document), ProjectionLifecycle.Inline);
        return options;
    }
}
