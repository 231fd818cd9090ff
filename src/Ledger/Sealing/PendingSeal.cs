using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// What the submission pipeline hands the choke point for one event: the signed submission, the
// actor's signature, and the version of the actor's stream whose key and roles were checked.
// Carried as an in-memory header and replaced by the seal before anything is written.
public sealed record PendingSeal(Submission Submission, string Signature, long ActorVersion)
{
    public const string HeaderName = "acgs.pending";

    // Telling a retry (same bytes) from a reused submission id (other bytes).
    public string SubmissionSha256 { get; } = Sha256Hex.Of(CanonicalJson.Serialize(Submission));
}
