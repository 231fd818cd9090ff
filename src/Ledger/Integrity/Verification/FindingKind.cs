namespace Acgs.Ledger.Integrity.Verification;

// What the verifier can prove wrong about stored rows (DESIGN §4.7, levels 1 to 4b). Each kind
// names the check that failed, not a guess at who changed what: one edit often breaks several.
public enum FindingKind
{
    // The stored data is not ledger JSON, or does not hash to the submission's payloadHash.
    PayloadMismatch,

    // The actor's signature does not verify over the sealed submission under the key judged valid.
    BadSignature,

    // The acgs.seal header cannot be read, is not in canonical form, or the headers hold members
    // the seal does not cover.
    BadSeal,

    // The seal's hash does not recompute from its members.
    HashMismatch,

    // `prev` is not the hash of the stream's previous event (or the genesis link for version 1).
    BrokenLink,

    // A version is skipped, a stream's head names versions no row holds, or a recorded
    // submission's event is gone.
    MissingEvent,

    // The row's stream or version is not the one its seal covers, or versions go backwards.
    VersionMismatch,

    // The signed submission does not describe this event: another stream, another
    // expectedVersion + 1, or submitted more than the freshness window away from recordedAt.
    SubmissionMismatch,

    // The stored type is not the type the actor signed.
    TypeMismatch,

    // The key is no key of the named actor, or the actor does not exist.
    UnknownKey,

    // The key was the actor's, but not at the actorVersion the seal names; or the actor was
    // suspended there; or its key state there cannot be replayed.
    KeyNotActive,

    // The submission id is recorded for another event: the same signed submission appended twice.
    DuplicateSubmission,

    // No acgs.submissions record matches this event's submission (none, or other bytes).
    UnrecordedSubmission,

    // The ledger id is not this ledger's, or the ledger's genesis is missing or repeated.
    WrongLedger,

    // recordedAt is earlier than that of the stream's previous event.
    TimeReversal,

    // A row that is not a tombstone carries no seal, or was recorded more than a minute before the
    // run and no leaf logs it.
    Unsealed,

    // The sealer refused to log the event; the finding carries its reason.
    Quarantined,

    // A leaf's event hash is not the seal hash of the row at its sequence, no row is there, or the
    // leaves are not dense and readable.
    LeafMismatch,

    // The stored leaves do not rebuild the latest checkpoint's root.
    RootMismatch,

    // A stored node is missing or not the hash of the leaves under it: proofs would not verify.
    NodeMismatch,

    // An earlier checkpoint's root is not the root of the leaves at its size.
    InconsistentCheckpoint,

    // A checkpoint note does not verify under the ledger key, or does not say what its row says.
    BadCheckpointSignature,

    // A trusted checkpoint is larger than the latest stored one: the log shrank.
    Rollback,

    // A trusted checkpoint's tree is not the stored one at its size, or does not extend to the latest.
    Fork,

    // A System event is not what the pure decision derives from its causes (level 4a): signed by
    // someone else, or a ratification, rejection, amendment or supersession the recorded facts do
    // not justify.
    UnjustifiedEvent,

    // A document kept per stream (a decision snapshot or a read model) is not what a fresh replay of
    // its stream gives (level 4b): changed, missing, left behind, or its stream cannot be replayed.
    ProjectionDrift,
}
