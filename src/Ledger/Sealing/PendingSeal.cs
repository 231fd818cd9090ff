using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// What the submission pipeline hands the choke point for one event: the signed submission, the
// actor's signature, and the version of the actor's stream whose key and roles were checked.
// Carried as an in-memory header and replaced by the seal before anything is written.
public sealed record PendingSeal(Submission Submission, string Signature, long ActorVersion)
{
    public const string HeaderName = "acgs.pending";

    // Telling a retry (same bytes) from a reused submission id (other bytes).
    public string SubmissionSha256 { get; } = Submission.CanonicalSha256();

    // The seal of the event before this one, when the caller has read it already (a hint: the
    // choke point uses it only when it is exactly the previous version of the same stream, and
    // loads the seal itself otherwise). A sealed row never changes, so a seal read earlier is
    // the seal at commit; Marten's version check refuses the append if the stream has moved.
    public EventSeal? PreviousSeal { get; init; }

    // The seal the choke point built for this event, handed back so the caller need not parse
    // the header text it just wrote.
    public EventSeal? Seal { get; internal set; }
}
