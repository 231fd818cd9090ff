using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Integrity.Verification;
using JasperFx;

namespace Acgs.Projections.Constitution;

// One version of the constitution and the ratified amendment that made it (none for version 1,
// adopted at genesis).
public sealed record ConstitutionVersionView(int Version, Guid? AmendmentId = null);

// The constitution as it stands, and how it got there. When each version was recorded, and its
// event's hash, are sealed facts (DESIGN §4.3) that exist only after this projection has run in the
// append's transaction; readers take them from the stream's seals.
public sealed record ConstitutionView(
    [property: Identity] Guid ConstitutionId,
    int Version,
    IReadOnlyList<Principle> Principles,
    MetaRules MetaRules,
    IReadOnlyList<ConstitutionVersionView> Versions)
{
    public static readonly StreamDocument<ConstitutionView> Document = new(
        EventTypes.ConstitutionEvents,
        Fold);

    // The same rules as ConstitutionState: one event per version, changes applied by ConstitutionRules.
    public static ConstitutionView? Fold(ConstitutionView? view, object data, long version) => (view, data) switch
    {
        (_, ConstitutionAdopted adopted) => new ConstitutionView(adopted.ConstitutionId, 1, adopted.Principles, adopted.MetaRules, [new ConstitutionVersionView(1)]),
        ({ } current, ConstitutionAmended amended) => Amend(current, amended),
        _ => view,
    };

    private static ConstitutionView Amend(ConstitutionView view, ConstitutionAmended amended)
    {
        var (principles, metaRules) = ConstitutionRules.ApplyChanges(view.Principles, view.MetaRules, amended.Changes);
        return view with
        {
            Version = amended.Version,
            Principles = principles,
            MetaRules = metaRules,
            Versions = [.. view.Versions, new ConstitutionVersionView(amended.Version, amended.AmendmentId)],
        };
    }
}
