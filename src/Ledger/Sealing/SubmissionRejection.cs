using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// Why a submission was refused, as data: the API turns it into an RFC 9457 problem whose `type` is
// the stable kind, so clients switch on the kind and people read the detail.
public sealed record SubmissionRejection(string Kind, int Status, string Title, string Detail)
{
    public static SubmissionRejection InvalidJson(string detail) => new("invalid-json", 400, "The request is not acceptable JSON", detail);
    public static SubmissionRejection RouteMismatch(string detail) => new("route-mismatch", 400, "The submission does not belong to this route", detail);
    public static SubmissionRejection PayloadHashMismatch() => new("payload-hash-mismatch", 400, "The payload does not match payloadHash", "SHA-256(\"acgs:payload:v1\\n\" || JCS(payload)) differs from submission.payloadHash");
    public static SubmissionRejection UnknownKey(string keyId) => new("unknown-key", 401, "Unknown key", $"no actor key has id {keyId}");
    public static SubmissionRejection BadSignature() => new("bad-signature", 401, "The signature does not verify", "the signature is not Ed25519 over \"acgs:submission:v1\\n\" || JCS(submission) under the key named by keyId");
    public static SubmissionRejection SubmissionReused(Guid submissionId) => new("submission-id-reused", 409, "Submission id already used", $"submission {submissionId} was already recorded with a different body");
    public static SubmissionRejection WrongLedger(Guid ledgerId) => new("wrong-ledger", 400, "Submission made for another ledger", $"ledgerId {ledgerId} is not this ledger's");
    public static SubmissionRejection Stale(DateTimeOffset submittedAt, DateTimeOffset now) => new("stale-submission", 400, "submittedAt is too far from the ledger's clock", $"submittedAt {submittedAt:O} is more than 5 minutes from {now:O}");
    public static SubmissionRejection KeyNotActive(string keyId) => new("key-not-active", 403, "The key is not the actor's current key", $"key {keyId} was rotated out or reset");
    public static SubmissionRejection Suspended(Guid actorId) => new("actor-suspended", 403, "The actor is suspended", $"actor {actorId} is suspended");
    public static SubmissionRejection RoleNotAllowed(string type, string detail) => new("role-not-allowed", 403, "The actor may not submit this", $"{type}: {detail}");
    public static SubmissionRejection Forbidden(string detail) => new("forbidden", 403, "The actor may not perform this act", detail);
    public static SubmissionRejection Invalid(string detail) => new("rule-violated", 422, "The act breaks a ledger rule", detail);
    public static SubmissionRejection InvalidKey(string detail) => new("invalid-key", 422, "The public key is not acceptable", detail);
    public static SubmissionRejection InvalidProofOfPossession() => new("invalid-proof-of-possession", 422, "The proof of possession does not verify", "proofOfPossession is not Ed25519 by the new key over \"acgs:pop:v1\\n\" || JCS({ledgerId, actorId, publicKey})");
    public static SubmissionRejection VersionConflict(string detail) => new("version-conflict", 409, "The stream moved", detail);
    public static SubmissionRejection ActorChanged(string detail) => new("actor-changed", 409, "The actor's key, roles or suspension changed meanwhile", detail);
    public static SubmissionRejection NotFound(string detail) => new("not-found", 404, "No such resource", detail);
    public static SubmissionRejection Rebase(string detail) => new("rebase", 409, "The constitution moved since the amendment was proposed", detail);
    public static SubmissionRejection AlreadyVoted(Guid voterId) => new("already-voted", 409, "The voter has voted already", $"actor {voterId} has cast its one vote on this amendment");
    public static SubmissionRejection NotEligible(Guid voterId) => new("not-eligible-voter", 403, "Not an eligible voter", $"actor {voterId} is not in the voters frozen at proposal");
    public static SubmissionRejection WindowClosed(DateTimeOffset deadline) => new("voting-window-closed", 409, "The voting window has closed", $"the deadline {LedgerTimestamp.Format(deadline)} has passed");
    public static SubmissionRejection AmendmentClosed(string status) => new("amendment-closed", 409, "The amendment is decided or withdrawn", $"the amendment is {status}");
    public static SubmissionRejection PolicyClosed(Guid policyId, string status) => new("policy-closed", 409, "The policy is revoked or superseded", $"policy {policyId} is {status}");
    public static SubmissionRejection StaleSourceHash(string named, string current) => new("stale-source-hash", 422, "The act names a source hash that is not the policy's current one", $"sourceHash {named} is not the current source hash {current}");
    public static SubmissionRejection PolicyNotReady(string detail) => new("policy-not-ready", 422, "The policy's current source is not both verified and compiled", detail);
    public static SubmissionRejection KeyInUse() => new("key-in-use", 409, "The key is already registered", "key ids are unique across the ledger forever");
}
