using Acgs.Ledger.Integrity;
using JasperFx.Events;
using Marten;

namespace Acgs.Ledger.Sealing;

// The one choke point every append passes (DESIGN §4.3). With Rich append mode Marten has already
// assigned each pending event its version and sequence here, so the seal can cover them; the
// database trigger refuses any row that slipped past without a seal.
public sealed class SealingListener(LedgerClock clock) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        {
            EventSeal? previous = null;
            foreach (var pending in stream.Events.OrderBy(e => e.Version))
            {
                previous = await SealAsync(session, stream.Id, pending, previous, token);
            }
        }
    }

    private async Task<EventSeal> SealAsync(IDocumentSession session, Guid streamId, IEvent pending, EventSeal? previous, CancellationToken token)
    {
        if (pending.Headers?.GetValueOrDefault(PendingSeal.HeaderName) is not PendingSeal request)
        {
            throw new UnsealedAppendException(
                $"event {pending.EventTypeName} at version {pending.Version} of stream {streamId} has no signed submission");
        }
        var submission = request.Submission;
        if (submission.StreamId != streamId || submission.ExpectedVersion + 1 != pending.Version || submission.Type != pending.EventTypeName)
        {
            throw new UnsealedAppendException(
                $"submission for {submission.Type} at stream {submission.StreamId} version {submission.ExpectedVersion + 1} " +
                $"does not describe the row {pending.EventTypeName} at stream {streamId} version {pending.Version}");
        }

        if (previous is null && request.PreviousSeal is { } known
            && known.Input.StreamId == streamId && known.Input.Version == pending.Version - 1)
        {
            previous = known;
        }
        previous ??= pending.Version > 1 ? await LoadSealAsync(session, streamId, pending.Version - 1, token) : null;
        var prev = previous?.Hash ?? GenesisLink.Compute(submission.LedgerId, streamId);
        // recordedAt never goes backwards within a stream, even if the server clock does.
        var recordedAt = clock.Now();
        if (previous is not null && previous.Input.RecordedAt > recordedAt)
        {
            recordedAt = previous.Input.RecordedAt;
        }

        var seal = EventSeal.Create(new EventSealInput(
            submission.LedgerId, streamId, pending.Version, submission, request.Signature, recordedAt, request.ActorVersion, prev));
        pending.Headers!.Remove(PendingSeal.HeaderName);
        pending.SetHeader(EventSeal.HeaderName, seal.ToHeaderText());
        request.Seal = seal;

        session.QueueSqlCommand(
            $"insert into {LedgerSchema.Schema}.submissions (submission_id, submission_sha256, seq) values (?, ?, ?)",
            submission.SubmissionId, request.SubmissionSha256, pending.Sequence);
        return seal;
    }

    private static async Task<EventSeal> LoadSealAsync(IDocumentSession session, Guid streamId, long version, CancellationToken token)
    {
        var texts = await session.AdvancedSql.QueryAsync<string>(
            $"select headers ->> '{EventSeal.HeaderName}' from {LedgerSchema.Schema}.mt_events where stream_id = ? and version = ?",
            token, streamId, version);
        return texts.Count == 1 && EventSeal.TryParse(texts[0], out var seal, out _)
            ? seal
            : throw new UnsealedAppendException($"the seal of stream {streamId} version {version} cannot be read; refusing to extend a broken chain");
    }
}
