using System.Text.Json;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity.Notes;

namespace Acgs.Ledger.Integrity.Verification;

// Which key signed for an actor at each version of its own stream (DESIGN §4.5), replayed from the
// raw rows of the actor streams with Identity's own transitions (ActorState.Create/Apply): the
// verifier judges each signature by the very rules the submission pipeline applied, and cannot
// drift from them. It never needs a governance type, so any ledger can be checked.
//
// Memory grows with the number of actor events (key changes, role changes), not with the ledger.
// A version that cannot be replayed (a gap, unreadable data, a type this build does not know) makes
// that version and every later one of the actor unusable: signatures judged there are reported,
// never passed on a guess.
internal sealed class ActorKeyHistory
{
    private readonly Dictionary<Guid, List<ActorKeyState>> actors = [];
    private readonly Dictionary<KeyId, Guid> keyOwners = [];
    private GenesisKeys? genesis;

    private ActorKeyHistory()
    {
    }

    private abstract record ActorKeyState;

    private sealed record ActiveKey(KeyId KeyId, VerificationKey Key, bool Suspended) : ActorKeyState;

    private sealed record Unreplayable(string Problem) : ActorKeyState;

    // The key a submission must verify under, or why none is valid, for an event at (streamId, version)
    // sealed with actorVersion.
    public KeyVerdict Judge(Submission submission, long actorVersion, Guid streamId, long version)
    {
        if (actorVersion == 0)
        {
            return JudgeGenesis(submission, streamId, version);
        }
        if (!actors.TryGetValue(submission.ActorId, out var versions))
        {
            return KeyVerdict.Refused(FindingKind.UnknownKey, $"no actor {submission.ActorId} is registered on this ledger{Owner(submission.KeyId)}");
        }
        if (actorVersion > versions.Count)
        {
            return KeyVerdict.Refused(FindingKind.KeyNotActive,
                $"actor {submission.ActorId} has no version {actorVersion} (its stream ends at version {versions.Count})");
        }

        switch (versions[checked((int)actorVersion - 1)])
        {
            case Unreplayable unreplayable:
                return KeyVerdict.Refused(FindingKind.KeyNotActive,
                    $"the key state of actor {submission.ActorId} at version {actorVersion} cannot be replayed: {unreplayable.Problem}");
            case ActiveKey active when active.KeyId != submission.KeyId:
                return keyOwners.TryGetValue(submission.KeyId, out var owner) && owner == submission.ActorId
                    ? KeyVerdict.Refused(FindingKind.KeyNotActive,
                        $"key {submission.KeyId} is actor {submission.ActorId}'s, but not at version {actorVersion} (key {active.KeyId} is)")
                    : KeyVerdict.Refused(FindingKind.UnknownKey, $"key {submission.KeyId} is no key of actor {submission.ActorId}{Owner(submission.KeyId)}");
            case ActiveKey { Suspended: true }:
                return KeyVerdict.Refused(FindingKind.KeyNotActive, $"actor {submission.ActorId} is suspended at version {actorVersion}");
            case ActiveKey active:
                return KeyVerdict.Valid(active.Key);
            default:
                throw new InvalidOperationException("unknown key state");
        }
    }

    // Genesis events are signed before any actor stream exists, by the first Admin named in
    // LedgerCreated (DESIGN §4.5); actorVersion 0 is valid for those four events and nothing else.
    private KeyVerdict JudgeGenesis(Submission submission, Guid streamId, long version)
    {
        if (genesis is null)
        {
            return KeyVerdict.Refused(FindingKind.KeyNotActive, "actorVersion 0 is judged by the keys in ledger-created, which cannot be read");
        }
        if (version != 1 || !genesis.Streams.Contains(streamId))
        {
            return KeyVerdict.Refused(FindingKind.KeyNotActive, "actorVersion 0 is valid only for the first event of the genesis streams");
        }
        if (submission.ActorId != genesis.AdminId || submission.KeyId != genesis.AdminKey.KeyId)
        {
            return KeyVerdict.Refused(FindingKind.UnknownKey,
                $"genesis events are signed by the first Admin {genesis.AdminId} with key {genesis.AdminKey.KeyId}, not by {submission.ActorId} with {submission.KeyId}");
        }
        return KeyVerdict.Valid(genesis.AdminKey);
    }

    private string Owner(KeyId keyId) =>
        keyOwners.TryGetValue(keyId, out var owner) ? $" (it belongs to actor {owner})" : string.Empty;

    // Rows arrive ordered by stream, then version.
    internal sealed class Builder
    {
        private readonly ActorKeyHistory history = new();
        private readonly Dictionary<string, VerificationKey> parsedKeys = new(StringComparer.Ordinal);
        private Guid currentActor;
        private List<ActorKeyState>? versions;
        private ActorState? state;
        private string? problem;

        public void Add(Guid streamId, long version, string type, byte[] data)
        {
            if (versions is null || streamId != currentActor)
            {
                currentActor = streamId;
                versions = [];
                history.actors[streamId] = versions;
                state = null;
                problem = null;
            }
            if (version <= versions.Count)
            {
                return;
            }
            if (problem is null && version != versions.Count + 1)
            {
                problem = $"version {versions.Count + 1} of its stream is missing";
            }
            while (versions.Count + 1 < version)
            {
                versions.Add(new Unreplayable(problem!));
            }
            problem ??= Replay(type, data);
            versions.Add(problem is null ? Record(state!) : new Unreplayable(problem));
        }

        // The genesis row is read beside the actors' streams, so its keys join the history last.
        public ActorKeyHistory Build(GenesisKeys? genesis)
        {
            history.genesis = genesis;
            return history;
        }

        private string? Replay(string type, byte[] data)
        {
            using var parsed = StrictJson.Parse(data);
            if (!parsed.IsValid)
            {
                return $"its {type} data is not ledger JSON ({parsed.Error.Message})";
            }
            var payload = parsed.RootElement;
            try
            {
                (state, var failure) = (type, state) switch
                {
                    (EventTypes.ActorRegistered, null) => Read<ActorRegistered>(payload, ActorState.Create),
                    (EventTypes.ActorRegistered, _) => (state, "it is registered twice"),
                    (_, null) => (state, $"its stream starts with {type}, not {EventTypes.ActorRegistered}"),
                    (EventTypes.ActorKeyRotated, _) => Read<ActorKeyRotated>(payload, state.Apply),
                    (EventTypes.ActorKeyResetProposed, _) => Read<ActorKeyResetProposed>(payload, state.Apply),
                    (EventTypes.ActorKeyResetApproved, _) => Read<ActorKeyResetApproved>(payload, state.Apply),
                    (EventTypes.ActorRolesChanged, _) => Read<ActorRolesChanged>(payload, state.Apply),
                    (EventTypes.ActorSuspended, _) => Read<ActorSuspended>(payload, state.Apply),
                    (EventTypes.ActorReinstated, _) => Read<ActorReinstated>(payload, state.Apply),
                    _ => (state, $"its stream holds a {type} event, which this verifier cannot replay"),
                };
                return failure;
            }
            catch (FormatException exception)
            {
                return $"its {type} event names an unusable key ({exception.Message})";
            }
        }

        private static (ActorState?, string?) Read<T>(JsonElement payload, Func<T, ActorState> apply) =>
            LedgerJson.TryDeserializeExact<T>(payload, out var value, out var error)
                ? (apply(value), null)
                : (null, $"its {typeof(T).Name} data does not read back ({error.Path}: {error.Message})");

        private ActiveKey Record(ActorState current)
        {
            if (!parsedKeys.TryGetValue(current.PublicKey, out var key))
            {
                key = VerificationKey.Parse(current.PublicKey);
                parsedKeys[current.PublicKey] = key;
            }
            history.keyOwners.TryAdd(current.KeyId, currentActor);
            return new ActiveKey(current.KeyId, key, current.Suspended);
        }
    }
}

internal readonly record struct KeyVerdict(VerificationKey? Key, FindingKind Kind, string Detail)
{
    public static KeyVerdict Valid(VerificationKey key) => new(key, default, string.Empty);

    public static KeyVerdict Refused(FindingKind kind, string detail) => new(null, kind, detail);
}

// What LedgerCreated fixes for verification: the ledger id, the first Admin and its key (which judge
// the genesis events at actorVersion 0), and the genesis streams.
// CheckpointKey: the ledger key as the verifier of notes named by the origin (absent when the
// ledger-created event names no usable key or origin; level 3 then reports every checkpoint).
internal sealed record GenesisKeys(
    Guid LedgerId, Guid AdminId, VerificationKey AdminKey, IReadOnlySet<Guid> Streams, string Origin, NoteVerifierKey? CheckpointKey);
