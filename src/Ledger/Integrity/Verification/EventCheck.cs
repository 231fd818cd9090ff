using System.Text;
using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Integrity.Verification;

// Level 1 of DESIGN §4.7 for one row, on its own bytes alone: seal, hash, payload, ledger,
// the row's binding to its submission, and the signature under the key valid at actorVersion.
// Pure and thread-safe, so rows are checked in parallel; checks that need neighbouring rows
// (links, versions, time) or the database (submission records) come after, in sequence order.
internal sealed class EventCheck
{
    private const string SealHeader = EventSeal.HeaderName;

    private List<Finding>? findings;

    private EventCheck(RawEvent row) => Row = row;

    public RawEvent Row { get; }

    public EventSeal? Seal { get; private set; }

    // The hash of the seal's members as they are now: the next event of the stream must link to it.
    public string? RecomputedHash { get; private set; }

    public bool SealIntact { get; private set; }

    // Identifies the submission's bytes in acgs.submissions (SHA-256 of its JCS, no domain tag).
    public string? SubmissionSha256 { get; private set; }

    public IReadOnlyList<Finding> Findings => findings ?? [];

    // The signature this row still needs verified (VerifySignature), once Prepare has judged the rest.
    private (VerificationKey Key, Range Signed, string Signature)? pendingSignature;

    // Everything but the Ed25519 verification, which VerifySignature does afterwards: run over a page
    // one after the other, the verifications of a whole page share the core's caches with nothing
    // else, which measurably speeds them up (bench/RESULTS.md).
    public static EventCheck Prepare(RawEvent row, Guid? ledgerId, ActorKeyHistory keys)
    {
        var check = new EventCheck(row);
        if (!row.IsTombstone)
        {
            check.Judge(ledgerId, keys);
        }
        return check;
    }

    public void VerifySignature()
    {
        if (pendingSignature is not { } pending)
        {
            return;
        }
        pendingSignature = null;
        if (!VerifySignature(pending.Key, Row.SealText.AsSpan(pending.Signed), pending.Signature))
        {
            ReportBadSignature();
        }
    }

    private void Judge(Guid? ledgerId, ActorKeyHistory keys)
    {
        if (!TryReadSeal(out var sealText))
        {
            return;
        }
        if (!EventSeal.TryReadLayout(sealText, out var seal, out var submissionRange))
        {
            if (!EventSeal.TryParse(Encoding.UTF8.GetString(sealText), out seal, out var problem))
            {
                Report(FindingKind.BadSeal, problem);
                return;
            }
            submissionRange = SealBytes.Submission(sealText);
        }

        Seal = seal;
        var input = seal.Input;
        var submission = input.Submission;
        var signed = sealText.AsSpan(submissionRange);
        RecomputedHash = SealBytes.Hash(sealText);
        SealIntact = Sha256Hex.AreEqual(RecomputedHash, seal.Hash);
        SubmissionSha256 = Sha256Hex.Of(signed);
        if (!SealIntact)
        {
            Report(FindingKind.HashMismatch, $"the seal's hash is {seal.Hash}, but its members hash to {RecomputedHash}");
        }

        CheckPayload(submission.PayloadHash);
        CheckLedger(ledgerId, input);
        CheckBinding(input);

        var verdict = keys.Judge(submission, input.ActorVersion, input.StreamId, input.Version);
        if (verdict.Key is null)
        {
            Report(verdict.Kind, verdict.Detail);
        }
        // As Submission.VerifySignature: only under the key the submission names.
        else if (verdict.Key.KeyId != submission.KeyId)
        {
            ReportBadSignature();
        }
        else
        {
            pendingSignature = (verdict.Key, submissionRange, input.Signature);
        }
    }

    private void ReportBadSignature()
    {
        var input = Seal!.Input;
        Report(FindingKind.BadSignature,
            $"the signature of {input.Submission.ActorId} with key {input.Submission.KeyId} (actor version {input.ActorVersion}) does not verify over the sealed submission");
    }

    private static bool VerifySignature(VerificationKey key, ReadOnlySpan<byte> signed, string signature)
    {
        using var buffer = new PooledByteBufferWriter(DomainTags.Submission.Length + signed.Length);
        DomainTags.Submission.CopyTo(buffer.GetSpan(DomainTags.Submission.Length));
        buffer.Advance(DomainTags.Submission.Length);
        signed.CopyTo(buffer.GetSpan(signed.Length));
        buffer.Advance(signed.Length);
        return key.Verify(buffer.WrittenSpan, signature);
    }

    // The headers must hold the seal and nothing else: any other member would be stored bytes no
    // hash covers.
    private bool TryReadSeal(out byte[] sealText)
    {
        sealText = [];
        if (Row.HeadersType is null)
        {
            Report(FindingKind.Unsealed, "the row has no headers, so no seal");
            return false;
        }
        if (Row.SealType is null)
        {
            Report(FindingKind.Unsealed, $"the headers (a JSON {Row.HeadersType}) hold no {SealHeader}");
            return false;
        }
        if (Row.OtherHeaders is { } others)
        {
            Report(FindingKind.BadSeal, $"the headers hold members no seal covers: {Shorten(others)}");
        }
        if (Row.SealType != "string")
        {
            Report(FindingKind.BadSeal, $"{SealHeader} is a JSON {Row.SealType}, not a string");
            return false;
        }
        sealText = Row.SealText!;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private void CheckPayload(string payloadHash)
    {
        using var data = StrictJson.Parse(Row.Data);
        if (!data.IsValid)
        {
            Report(FindingKind.PayloadMismatch, $"the stored data is not ledger JSON ({data.Error.Path}: {data.Error.Message})");
        }
        else if (!PayloadHash.Matches(data.RootElement, payloadHash))
        {
            Report(FindingKind.PayloadMismatch, $"the stored data hashes to {PayloadHash.Compute(data.RootElement)}, the signed payloadHash is {payloadHash}");
        }
    }

    private void CheckLedger(Guid? ledgerId, EventSealInput input)
    {
        var expected = ledgerId ?? input.LedgerId;
        if (input.LedgerId != expected || input.Submission.LedgerId != expected)
        {
            Report(FindingKind.WrongLedger,
                $"the seal names ledger {input.LedgerId} and the submission ledger {input.Submission.LedgerId}; this ledger is {expected}");
        }
    }

    // DESIGN §4.3: the seal agrees with the row's own columns, and the signed submission describes
    // exactly this event, so a signature cannot be carried to another stream, version or type.
    private void CheckBinding(EventSealInput input)
    {
        var submission = input.Submission;
        if (Row.Type != submission.Type)
        {
            Report(FindingKind.TypeMismatch, $"the row's type is {Row.Type}, the signed type is {submission.Type}");
        }
        if (Row.StreamId != input.StreamId || Row.Version != input.Version)
        {
            Report(FindingKind.VersionMismatch,
                $"the row is stream {Row.StreamId} version {Row.Version}, its seal covers stream {input.StreamId} version {input.Version}");
        }
        if (submission.StreamId != input.StreamId || submission.ExpectedVersion + 1 != input.Version)
        {
            Report(FindingKind.SubmissionMismatch,
                $"the submission was signed for stream {submission.StreamId} version {submission.ExpectedVersion + 1}, " +
                $"but is sealed at stream {input.StreamId} version {input.Version}");
        }
        // Genesis is signed offline by `acgs init` and appended whenever the ledger first starts; its
        // events are the only ones at actorVersion 0 (ActorKeyHistory refuses it anywhere else).
        if (input.ActorVersion != 0 && (input.RecordedAt - submission.SubmittedAt).Duration() > Submission.FreshnessWindow)
        {
            Report(FindingKind.SubmissionMismatch,
                $"submitted at {LedgerTimestamp.Format(submission.SubmittedAt)} but recorded at {LedgerTimestamp.Format(input.RecordedAt)}, " +
                $"more than {Submission.FreshnessWindow.TotalMinutes} minutes apart");
        }
    }

    private void Report(FindingKind kind, string detail)
    {
        findings ??= [];
        findings.Add(new Finding(kind, Row.Sequence, Row.StreamId, Row.Version, detail));
    }
}
