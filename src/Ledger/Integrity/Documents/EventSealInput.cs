using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.3: what the ledger hashes for each recorded event,
//   hash = SHA-256("acgs:event:v1\n" || JCS({ledgerId, streamId, version, submission, signature,
//                                            recordedAt, actorVersion, prev}))
// `submission` is the signed object itself, nested (not its text); `signature` is the actor's;
// `recordedAt` is the server's clock in milliseconds; `actorVersion` is the version of the actor's
// stream whose key and roles were checked; `prev` is the previous event's hash in this stream, or
// GenesisLink.Compute(ledgerId, streamId) for version 1.
public sealed partial record EventSealInput(
    Guid LedgerId,
    Guid StreamId,
    long Version,
    Submission Submission,
    string Signature,
    DateTimeOffset RecordedAt,
    long ActorVersion,
    string Prev)
{
    public byte[] HashInput()
    {
        using var buffer = new PooledByteBufferWriter(CanonicalCapacity);
        WriteHashInput(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public string ComputeHash()
    {
        using var buffer = new PooledByteBufferWriter(CanonicalCapacity);
        WriteHashInput(buffer);
        return Sha256Hex.Of(buffer.WrittenSpan);
    }

    internal bool IsWellFormed() =>
        Submission is not null
        && Submission.IsWellFormed()
        && Version is >= 1 and <= StrictJson.MaxSafeInteger
        && ActorVersion is >= 0 and <= StrictJson.MaxSafeInteger
        && WireEncoding.TryFromBase64(Signature, VerificationKey.SignatureSize, out _)
        && Sha256Hex.IsWellFormed(Prev);
}
