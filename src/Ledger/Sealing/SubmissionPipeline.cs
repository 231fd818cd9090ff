using System.Text.Json;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Marten.Internal;
using Npgsql;

namespace Acgs.Ledger.Sealing;

// Every write passes here, in the order of DESIGN §4.2: parse (I-JSON) → signature → idempotency →
// ledger id → freshness → actor state and role → decision → sealed append. Idempotency comes right
// after the signature so that a retry gets its stored answer even after the freshness window has
// passed or the key has been rotated.
public sealed class SubmissionPipeline(
    IDocumentStore store,
    NpgsqlDataSource dataSource,
    LedgerAuthority ledger,
    LedgerClock clock,
    GovernanceActs acts,
    VerifiedKeys keys,
    AppendHints hints,
    OutboxEnlistment outbox)
{
    private const string UniqueViolation = "23505";
    private const string Deadlock = "40P01";

    public async Task<SubmissionResult> SubmitAsync(ReadOnlyMemory<byte> body, SubmissionRoute route, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(route);
        using var parsed = StrictJson.Parse(body);
        if (!parsed.IsValid)
        {
            return Reject(SubmissionRejection.InvalidJson($"{parsed.Error.Path}: {parsed.Error.Message}"));
        }
        if (!SignedRequest.TryRead(parsed.RootElement, out var request, out var envelopeError))
        {
            return Reject(SubmissionRejection.InvalidJson($"{envelopeError.Path}: {envelopeError.Message}"));
        }

        var submission = request.Submission;
        if (route.RefusalFor(submission) is { } routeProblem)
        {
            return Reject(SubmissionRejection.RouteMismatch(routeProblem));
        }
        var act = acts.Find(submission.Type)
            ?? throw new InvalidOperationException($"route accepts {submission.Type} but no act is registered for it");
        if (!PayloadHash.Matches(request.Payload, submission.PayloadHash))
        {
            return Reject(SubmissionRejection.PayloadHashMismatch());
        }
        if (!act.TryReadPayload(request.Payload, out var payload, out var payloadError))
        {
            return Reject(SubmissionRejection.InvalidJson($"$.payload{payloadError.Path.TrimStart('$')}: {payloadError.Message}"));
        }

        // What this node's own appends taught it usually spares the read before the append. A
        // refusal judged from hints may come from a stale one, so it is judged again from a fresh
        // read, in the order of DESIGN §4.2 (idempotency first); only a bad signature is final,
        // because a key id's key never changes (so the fresh judgement need not verify it again).
        var hinted = hints.Find(submission);
        if (hinted is not null)
        {
            if (!submission.VerifySignature(hinted.SignerKey, request.Signature))
            {
                return Reject(SubmissionRejection.BadSignature());
            }
            var hintedReads = new BeforeAppend((submission.ActorId, hinted.SignerKey), null, new ActorStateRead(hinted.Signer),
                hinted.Target is null ? null : new ActorStateRead(hinted.Target), hinted.PreviousSeal);
            var first = await JudgeAndAppendAsync(request, act, payload, hintedReads, signatureChecked: true, token);
            if (first.Rejection is null)
            {
                return first;
            }
            hints.Forget(submission);
        }
        // One round trip for the signer's key, any earlier recording of this submission, and the
        // hints the later steps need (the signer's and the target's actor state, the previous seal).
        var reads = await ReadBeforeAppendAsync(submission, token);
        return await JudgeAndAppendAsync(request, act, payload, reads, signatureChecked: hinted is not null, token);
    }

    // The checks below run in the order of DESIGN §4.2.
    private async Task<SubmissionResult> JudgeAndAppendAsync(SignedRequest request, IGovernanceAct act, object payload, BeforeAppend reads,
        bool signatureChecked, CancellationToken token)
    {
        var submission = request.Submission;
        var (signer, recorded) = (reads.Signer, reads.Recorded);
        if (signer is null || signer.Value.ActorId != submission.ActorId)
        {
            return Reject(SubmissionRejection.UnknownKey(submission.KeyId.Value));
        }
        if (!signatureChecked && !submission.VerifySignature(signer.Value.Key, request.Signature))
        {
            return Reject(SubmissionRejection.BadSignature());
        }

        var pending = new PendingSeal(submission, request.Signature, 0) { PreviousSeal = reads.PreviousSeal };
        if (recorded is not null)
        {
            return recorded.Value.Sha256 == pending.SubmissionSha256
                ? SubmissionResult.Sealed(SealedAnswer.From(recorded.Value.Seal, ledger), replayed: true)
                : Reject(SubmissionRejection.SubmissionReused(submission.SubmissionId));
        }

        if (submission.LedgerId != ledger.LedgerId)
        {
            return Reject(SubmissionRejection.WrongLedger(submission.LedgerId));
        }
        var now = clock.Now();
        if ((submission.SubmittedAt - now).Duration() > Submission.FreshnessWindow)
        {
            return Reject(SubmissionRejection.Stale(submission.SubmittedAt, now));
        }

        await using var session = store.LightweightSession();
        var actor = reads.SignerState is { } signerRead
            ? signerRead.State
            : await session.Events.FetchLatest<ActorState>(submission.ActorId, token);
        if (actor is null)
        {
            return Reject(SubmissionRejection.UnknownKey(submission.KeyId.Value));
        }
        if (actor.KeyId != submission.KeyId)
        {
            return Reject(SubmissionRejection.KeyNotActive(submission.KeyId.Value));
        }
        if (actor.Suspended)
        {
            return Reject(SubmissionRejection.Suspended(actor.Id));
        }
        if (act.Authorize(actor, submission) is { } refusal)
        {
            return Reject(SubmissionRejection.RoleNotAllowed(submission.Type, refusal));
        }

        var outcome = await act.DecideAsync(new ActContext(submission, actor, session, ledger.LedgerId, now) { Target = reads.TargetState }, payload, token);
        if (outcome.Rejection is not null || outcome.Event is null)
        {
            return Reject(outcome.Rejection ?? SubmissionRejection.Invalid("the act produced no event"));
        }

        // The actor's key, roles and suspension as judged above must still hold at commit (DESIGN §4.5).
        // Marten runs a session's event operations before its queued SQL, so when the actor acts on
        // its own stream, that stream is already one past the judged version when this runs.
        var signerHead = actor.Id == submission.StreamId ? actor.Version + 1 : actor.Version;
        session.QueueSqlCommand($"call {LedgerSchema.Schema}.assert_actor_head(?, ?)", actor.Id, signerHead);
        foreach (var statement in outcome.Statements)
        {
            session.QueueSqlCommand(statement.Sql, statement.Parameters);
        }
        // The inline ActorState projection would load the target's snapshot again to apply the event;
        // give it the state read above (the state the act judged), as a FetchLatest in this session
        // would have. Only a state read without the session is handed over.
        var judgedTarget = submission.StreamId == actor.Id
            ? (reads.SignerState is not null ? actor : null)
            : reads.TargetState?.State;
        // The state the event was applied to, when known: the signer's own, or the other actor's as read.
        var before = submission.StreamId == actor.Id ? actor : reads.TargetState?.State;
        if (judgedTarget is not null)
        {
            session.UseIdentityMapFor<ActorState>();
            var martenSession = (IMartenSession)session;
            martenSession.StorageFor<ActorState>().Store(martenSession, judgedTarget);
        }
        var stream = submission.ExpectedVersion == 0
            ? session.Events.StartStream(submission.StreamId, outcome.Event)
            : session.Events.Append(submission.StreamId, submission.ExpectedVersion + 1, outcome.Event);
        var appended = stream.Events.Single();
        var judged = pending with { ActorVersion = actor.Version };
        appended.SetHeader(PendingSeal.HeaderName, judged);

        await using var enrolled = await outbox.EnrollAsync(session, outcome.Messages);
        var conflict = await SaveAsync(session, token);
        if (conflict is not null)
        {
            // A concurrent attempt with the same submission may have won the race: its answer is ours.
            if (await FindRecordedAsync(submission.SubmissionId, token) is { } winner)
            {
                return winner.Sha256 == pending.SubmissionSha256
                    ? SubmissionResult.Sealed(SealedAnswer.From(winner.Seal, ledger), replayed: true)
                    : Reject(SubmissionRejection.SubmissionReused(submission.SubmissionId));
            }
            return Reject(conflict);
        }

        // The choke point hands back the seal it built; parse the header only if it did not.
        var seal = judged.Seal;
        if (seal is null)
        {
            var sealText = appended.Headers?.GetValueOrDefault(EventSeal.HeaderName) as string;
            if (!EventSeal.TryParse(sealText, out seal, out var problem))
            {
                throw new InvalidOperationException($"the appended event carries no readable seal: {problem}");
            }
        }
        hints.Appended(seal, outcome.Event, before);
        return SubmissionResult.Sealed(SealedAnswer.From(seal, ledger), replayed: false);
    }

    private static SubmissionResult Reject(SubmissionRejection rejection) => SubmissionResult.Rejected(rejection);

    // Losing a race is an answer, not a fault: the stream or the actor moved, or a unique key was taken.
    private static async Task<SubmissionRejection?> SaveAsync(IDocumentSession session, CancellationToken token)
    {
        try
        {
            await session.SaveChangesAsync(token);
            return null;
        }
        catch (Exception exception) when (exception is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException
                                              or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            return SubmissionRejection.VersionConflict(exception.Message);
        }
        catch (Exception exception) when (FindPostgresError(exception) is { } postgres)
        {
            return postgres.SqlState switch
            {
                LedgerSchema.ActorHeadMovedState => SubmissionRejection.ActorChanged(postgres.MessageText),
                Deadlock => SubmissionRejection.VersionConflict("deadlock detected; retry"),
                UniqueViolation when postgres.ConstraintName?.Contains("actor_keys", StringComparison.Ordinal) == true => SubmissionRejection.KeyInUse(),
                UniqueViolation => SubmissionRejection.VersionConflict(postgres.MessageText),
                _ => throw new InvalidOperationException("append failed", exception),
            };
        }
    }

    private static PostgresException? FindPostgresError(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres;
            }
        }
        return null;
    }

    private sealed record BeforeAppend(
        (Guid ActorId, VerificationKey Key)? Signer,
        (string Sha256, EventSeal Seal)? Recorded,
        ActorStateRead? SignerState,
        ActorStateRead? TargetState,
        EventSeal? PreviousSeal);

    // The inline ActorState snapshot is written in the append's own transaction, so its row is the
    // state at its stream's version (mt_version); a row whose data disagrees is not used as a hint.
    private async Task<BeforeAppend> ReadBeforeAppendAsync(Submission submission, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select k.actor_id, k.public_key, r.submission_sha256, r.seal,
                   sa.data::text, sa.mt_version, ta.data::text, ta.mt_version, p.seal
            from (select 1) one
            left join {LedgerSchema.Schema}.actor_keys k on k.key_id = $1
            left join (select s.submission_sha256, e.headers ->> '{EventSeal.HeaderName}' as seal
                       from {LedgerSchema.Schema}.submissions s join {LedgerSchema.Schema}.mt_events e on e.seq_id = s.seq
                       where s.submission_id = $2) r on true
            left join {LedgerSchema.Schema}.mt_doc_actorstate sa on sa.id = $3
            left join {LedgerSchema.Schema}.mt_doc_actorstate ta on ta.id = $4 and $4 <> $3
            left join (select headers ->> '{EventSeal.HeaderName}' as seal
                       from {LedgerSchema.Schema}.mt_events
                       where stream_id = $4 and version = $5 and $5 > 0) p on true
            """);
        command.Parameters.AddWithValue(submission.KeyId.Value);
        command.Parameters.AddWithValue(submission.SubmissionId);
        command.Parameters.AddWithValue(submission.ActorId);
        command.Parameters.AddWithValue(submission.StreamId);
        command.Parameters.AddWithValue(submission.ExpectedVersion);
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        (Guid ActorId, VerificationKey Key)? signer = reader.IsDBNull(0) ? null : (reader.GetGuid(0), keys.Get(reader.GetString(1)));
        (string, EventSeal)? recorded = null;
        if (!reader.IsDBNull(2))
        {
            recorded = EventSeal.TryParse(reader.GetString(3), out var seal, out var problem)
                ? (reader.GetString(2), seal)
                : throw new InvalidOperationException($"the recorded event of submission {submission.SubmissionId} has an unreadable seal: {problem}");
        }
        if (recorded is not null || signer is null)
        {
            // Answered (or refused) before any actor state is judged.
            return new BeforeAppend(signer, recorded, null, null, null);
        }
        var signerState = ReadActorState(reader, 4, submission.ActorId);
        var targetState = submission.StreamId == submission.ActorId ? null : ReadActorState(reader, 6, submission.StreamId);
        hints.KeyRead(submission.KeyId, signer.Value.ActorId, signer.Value.Key);
        hints.StatesRead(signerState?.State, targetState?.State);
        EventSeal? previous = null;
        if (!reader.IsDBNull(8) && EventSeal.TryParse(reader.GetString(8), out var previousSeal, out _)
            && previousSeal.Input.StreamId == submission.StreamId && previousSeal.Input.Version == submission.ExpectedVersion)
        {
            previous = previousSeal;
        }
        return new BeforeAppend(signer, null, signerState, targetState, previous);
    }

    private static ActorStateRead? ReadActorState(NpgsqlDataReader reader, int ordinal, Guid actorId)
    {
        if (reader.IsDBNull(ordinal))
        {
            return new ActorStateRead(null);
        }
        var state = JsonSerializer.Deserialize<ActorState>(reader.GetString(ordinal), LedgerJson.Options);
        return state is not null && state.Id == actorId && state.Version == reader.GetInt64(ordinal + 1)
            ? new ActorStateRead(state)
            : null;
    }

    private async Task<(string Sha256, EventSeal Seal)?> FindRecordedAsync(Guid submissionId, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select s.submission_sha256, e.headers ->> '{EventSeal.HeaderName}'
            from {LedgerSchema.Schema}.submissions s join {LedgerSchema.Schema}.mt_events e on e.seq_id = s.seq
            where s.submission_id = $1
            """);
        command.Parameters.AddWithValue(submissionId);
        await using var reader = await command.ExecuteReaderAsync(token);
        if (!await reader.ReadAsync(token))
        {
            return null;
        }
        return EventSeal.TryParse(reader.GetString(1), out var seal, out var problem)
            ? (reader.GetString(0), seal)
            : throw new InvalidOperationException($"the recorded event of submission {submissionId} has an unreadable seal: {problem}");
    }
}
