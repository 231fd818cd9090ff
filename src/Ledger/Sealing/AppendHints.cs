using System.Collections.Concurrent;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// What this node learned from its own appends, so that the next submission by the same signer to
// the same stream needs no read before its append: whose key a key id is (never changes), each
// actor's state at its latest known version, and each stream's latest seal. Every entry is a hint
// in the sense of the one-round-trip read it replaces: a key id's owner and a seal at a version
// never change; a state is used only at the version its stream is checked to be at in the append's
// transaction (assert_actor_head for the signer, Marten's expected version for the stream). A stale
// entry therefore cannot let a wrong append commit; it turns into a refusal, and the pipeline
// forgets the entries and judges the submission again from a fresh read. Bounded: each map is
// emptied when full, so a flood of actors or streams cannot grow it without end.
public sealed class AppendHints
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (Guid ActorId, VerificationKey Key)> keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, ActorState> states = new();
    private readonly ConcurrentDictionary<Guid, EventSeal> seals = new();

    public void KeyRead(KeyId keyId, Guid actorId, VerificationKey key) => Put(keys, keyId.Value, (actorId, key));

    // Everything the pipeline needs before an append, or null when one part is unknown: the
    // signer's key and state, the seal the new event links to, and the changed actor's state
    // when the stream is another actor's and its state is known at the expected version.
    public Hinted? Find(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!keys.TryGetValue(submission.KeyId.Value, out var signer) || signer.ActorId != submission.ActorId
            || !states.TryGetValue(submission.ActorId, out var signerState))
        {
            return null;
        }
        EventSeal? previous = null;
        if (submission.ExpectedVersion > 0
            && (!seals.TryGetValue(submission.StreamId, out previous) || previous.Input.Version != submission.ExpectedVersion))
        {
            return null;
        }
        ActorState? target = null;
        if (submission.StreamId != submission.ActorId && states.TryGetValue(submission.StreamId, out var known)
            && known.Version == submission.ExpectedVersion)
        {
            target = known;
        }
        return new Hinted(signer.Key, signerState, target, previous);
    }

    // A read made outside the hints: the states as they were at that moment.
    public void StatesRead(ActorState? signer, ActorState? target)
    {
        if (signer is not null)
        {
            Put(states, signer.Id, signer);
        }
        if (target is not null)
        {
            Put(states, target.Id, target);
        }
    }

    // A committed append: its seal is the stream's latest, and when the stream is an actor's, the
    // state the event makes (the same fold as the inline snapshot) is that actor's latest.
    public void Appended(EventSeal seal, object @event, ActorState? before)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var streamId = seal.Input.StreamId;
        Put(seals, streamId, seal);
        if (!EventTypes.ActorEvents.ContainsKey(seal.Input.Submission.Type))
        {
            return;
        }
        if (DecisionStates.Actor.Fold(before, @event, seal.Input.Version) is { } after && after.Id == streamId && after.Version == seal.Input.Version)
        {
            Put(states, streamId, after);
        }
        else
        {
            states.TryRemove(streamId, out _);
        }
    }

    // A refusal judged from hints may come from a stale one: forget what the submission touched.
    public void Forget(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        states.TryRemove(submission.ActorId, out _);
        states.TryRemove(submission.StreamId, out _);
        seals.TryRemove(submission.StreamId, out _);
    }

    private static void Put<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (map.Count >= Capacity && !map.ContainsKey(key))
        {
            map.Clear();
        }
        map[key] = value;
    }

    public sealed record Hinted(VerificationKey SignerKey, ActorState Signer, ActorState? Target, EventSeal? PreviousSeal);
}
