using Acgs.Ledger.Integrity.Verification;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Acgs.Projections;

// A read model kept inline, in the append's own transaction, by the same fold the verifier replays
// (level 4b): what Marten stores and what a fresh replay gives cannot be written twice and drift.
// Inline because the async daemon may skip events (FACTS.md) and readers would see writes late.
internal sealed class StreamDocumentProjection<T> : SingleStreamProjection<T, Guid>
    where T : class
{
    private readonly StreamDocument<T> document;

    public StreamDocumentProjection(StreamDocument<T> document)
    {
        this.document = document;
        foreach (var eventType in document.Events.Values)
        {
            IncludeType(eventType);
        }
    }

    public override T? Evolve(T? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return document.Fold(snapshot, e.Data, e.Version);
    }
}
