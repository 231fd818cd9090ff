using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using Marten;

namespace Acgs.Seeding;

// An event type no part of the ledger knows: the verifier must check it all the same.
public sealed record AuditNote(int Index, string Text);

// Large ledgers for the verifier's tests and benchmark, built the way the submission pipeline builds
// them after its checks: each event signed by a registered actor and handed to the sealing choke
// point as a PendingSeal, ~100 events per Marten session (FACTS.md) rather than one HTTP request each.
public static class SealedEventSeeder
{
    public static async Task<IReadOnlyList<Guid>> SeedAsync(
        IDocumentStore store,
        Guid ledgerId,
        Guid actorId,
        SigningKey actorKey,
        long actorVersion,
        int events,
        int eventsPerStream = 10,
        int eventsPerSession = 100,
        CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var streams = new List<Guid>();
        var written = 0;
        while (written < events)
        {
            await using var session = store.LightweightSession();
            var submittedAt = LedgerTimestamp.Truncate(DateTimeOffset.UtcNow);
            var inSession = 0;
            while (inSession < eventsPerSession && written < events)
            {
                var streamId = Guid.CreateVersion7();
                var notes = Enumerable.Range(written, Math.Min(eventsPerStream, events - written))
                    .Select(index => new AuditNote(index, $"Audit note {index}: the council reviewed the quarterly policy set — no changes."))
                    .ToArray();
                var stream = session.Events.StartStream(streamId, notes.Cast<object>().ToArray());
                for (var position = 0; position < notes.Length; position++)
                {
                    var pending = stream.Events[position];
                    var request = SignedRequestFactory.Sign(notes[position], pending.EventTypeName, ledgerId, actorId, actorKey,
                        streamId, position, submittedAt);
                    pending.SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, actorVersion));
                }
                streams.Add(streamId);
                written += notes.Length;
                inSession += notes.Length;
            }
            await session.SaveChangesAsync(token);
        }
        return streams;
    }
}
