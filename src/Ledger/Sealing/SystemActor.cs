using System.Security.Cryptography;
using System.Text;
using Acgs.Ledger.Identity.Actors;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace Acgs.Ledger.Sealing;

// One event the System actor derives: where it goes and what it says.
public sealed record SystemEvent(Guid StreamId, long ExpectedVersion, string Type, object Payload);

// The ledger's own actor (DESIGN §4.5): it signs derived events with the System key, for the
// allow-listed types only, and appends them through the same choke point as every other act, all
// of one decision in one transaction. Its submission ids are derived from the stream position, so
// two nodes (or a retried message) deriving the same event collide instead of appending it twice.
public sealed class SystemActor(IDocumentStore store, LedgerAuthority ledger, LedgerClock clock, OutboxEnlistment outbox)
{
    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        EventTypes.AmendmentRatified, EventTypes.AmendmentRejected, EventTypes.ConstitutionAmended, EventTypes.PolicySuperseded,
    };

    // False when another writer got there first (the streams moved); the caller re-reads and judges again.
    public async Task<bool> AppendAsync(IReadOnlyList<SystemEvent> events, IReadOnlyList<OutboxMessage> messages, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(messages);
        if (events.FirstOrDefault(e => !AllowedTypes.Contains(e.Type)) is { } refused)
        {
            throw new InvalidOperationException($"the System actor does not sign {refused.Type}");
        }

        await using var session = store.LightweightSession();
        var system = await session.Events.FetchLatest<ActorState>(ledger.SystemActorId, token)
            ?? throw new InvalidOperationException("the System actor is not registered");
        // Fail closed: a System key that is not the actor's current key would sign events the verifier rejects.
        if (system.KeyId != ledger.SystemKey.KeyId || system.Suspended)
        {
            throw new InvalidOperationException($"the configured System key {ledger.SystemKey.KeyId} is not the System actor's active key");
        }

        var now = clock.Now();
        foreach (var derived in events)
        {
            var request = SignedRequestFactory.Sign(derived.Payload, derived.Type, ledger.LedgerId, system.Id, ledger.SystemKey,
                derived.StreamId, derived.ExpectedVersion, now, SubmissionIdFor(derived));
            var stream = derived.ExpectedVersion == 0
                ? session.Events.StartStream(derived.StreamId, derived.Payload)
                : session.Events.Append(derived.StreamId, derived.ExpectedVersion + 1, derived.Payload);
            stream.Events.Single().SetHeader(PendingSeal.HeaderName, new PendingSeal(request.Submission, request.Signature, system.Version));
        }
        session.QueueSqlCommand($"call {LedgerSchema.Schema}.assert_actor_head(?, ?)", system.Id, system.Version);
        await using var enrolled = await outbox.EnrollAsync(session, messages);
        try
        {
            await session.SaveChangesAsync(token);
            return true;
        }
        catch (Exception exception) when (exception is ConcurrencyException or ExistingStreamIdCollisionException
                                              or JasperFx.Events.ExistingStreamIdCollisionException
                                              || IsLostRace(exception))
        {
            return false;
        }
    }

    // UUIDv8 (RFC 9562 §5.8) from the event's place: the same derived event always has the same id.
    public static Guid SubmissionIdFor(SystemEvent derived)
    {
        ArgumentNullException.ThrowIfNull(derived);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"acgs:system-submission:v1\n{derived.StreamId:D}\n{derived.ExpectedVersion + 1}\n{derived.Type}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static bool IsLostRace(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: "23505" or "40P01" or LedgerSchema.ActorHeadMovedState })
            {
                return true;
            }
        }
        return false;
    }
}
