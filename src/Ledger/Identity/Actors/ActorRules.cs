using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;

namespace Acgs.Ledger.Identity.Actors;

// Checks shared by the acts that bring a new key in or change an actor.
public static class ActorRules
{
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 2000;

    // A new key must be a strong Ed25519 key whose holder signed the proof of possession for this
    // ledger and this actor.
    public static SubmissionRejection? CheckNewKey(Guid ledgerId, Guid actorId, string publicKey, string proofOfPossession)
    {
        if (!VerificationKey.TryParse(publicKey, out var key, out var rejection))
        {
            return SubmissionRejection.InvalidKey($"publicKey: {rejection}");
        }
        return ProofOfPossession.For(ledgerId, actorId, key).VerifySignature(proofOfPossession)
            ? null
            : SubmissionRejection.InvalidProofOfPossession();
    }

    // Key ids are unique across the ledger forever: the primary key of acgs.actor_keys enforces it
    // inside the append transaction.
    public static QueuedSql ReserveKey(Guid actorId, string publicKey)
    {
        var key = VerificationKey.Parse(publicKey);
        return new QueuedSql(
            $"insert into {LedgerSchema.Schema}.actor_keys (key_id, public_key, actor_id) values (?, ?, ?)",
            key.KeyId.Value, key.ToBase64(), actorId);
    }

    // Key, role and suspension events hold the changed actor's row FOR UPDATE (DESIGN §4.5). The
    // changed actor is the stream this submission appends to (CheckTarget), so by the time the lock
    // runs its row shows the version after the append (HeadVersionAtQueuedCheck).
    public static QueuedSql LockActor(Guid actorId, long expectedVersion) =>
        new($"call {LedgerSchema.Schema}.lock_actor_head(?, ?)", actorId, checked(expectedVersion + 1));

    // Marten runs a session's event operations before the SQL queued in it (its unit of work lists
    // them first), so when a queued check runs, the stream this submission appends to already shows
    // the version after the append. An actor judged at version N is found at N + 1 there when the
    // event goes to its own stream; anything else means the actor moved meanwhile.
    public static long HeadVersionAtQueuedCheck(Guid actorId, long judgedVersion, Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return actorId == submission.StreamId ? checked(judgedVersion + 1) : judgedVersion;
    }

    public static SubmissionRejection? CheckRoles(IReadOnlyList<Role> roles)
    {
        if (roles.Count == 0)
        {
            return SubmissionRejection.Invalid("roles: at least one role");
        }
        if (roles.Contains(Role.System))
        {
            return SubmissionRejection.Invalid("roles: the System role belongs to the ledger's own actor only");
        }
        return roles.Distinct().Count() == roles.Count ? null : SubmissionRejection.Invalid("roles: each role once");
    }

    public static SubmissionRejection? CheckText(string member, string value, int maxLength) =>
        value.Length is 0 || value.Length > maxLength || string.IsNullOrWhiteSpace(value)
            ? SubmissionRejection.Invalid($"{member}: 1 to {maxLength} characters, not blank")
            : null;

    public static SubmissionRejection? CheckTarget(Submission submission, Guid payloadActorId) =>
        payloadActorId == submission.StreamId
            ? null
            : SubmissionRejection.Invalid($"actorId {payloadActorId} is not the submission's stream {submission.StreamId}");

    public static string? RequireAdmin(ActorState signer) => signer.Has(Role.Admin) ? null : "only an Admin may do this";
}
