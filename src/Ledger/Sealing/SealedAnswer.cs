using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Sealing;

// What a successful write answers, the same for the first attempt and every retry of the same
// submission: the event's place and hash, and the ledger's signed promise to log it.
public sealed record SealedAnswer(
    Guid SubmissionId,
    string EventHash,
    Guid StreamId,
    long Version,
    DateTimeOffset RecordedAt,
    string Receipt)
{
    public static SealedAnswer From(EventSeal seal, LedgerAuthority ledger)
    {
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(ledger);
        var input = seal.Input;
        var receipt = new Receipt(input.LedgerId, seal.Hash, input.StreamId, input.Version, input.RecordedAt);
        return new SealedAnswer(input.Submission.SubmissionId, seal.Hash, input.StreamId, input.Version, input.RecordedAt, receipt.Sign(ledger.LedgerKey));
    }
}

public sealed record SubmissionResult(SealedAnswer? Answer, bool Replayed, SubmissionRejection? Rejection)
{
    public static SubmissionResult Sealed(SealedAnswer answer, bool replayed) => new(answer, replayed, null);

    public static SubmissionResult Rejected(SubmissionRejection rejection) => new(null, false, rejection);
}
