using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.2: what an actor signs for one event,
//   signature = Ed25519(actorKey, "acgs:submission:v1\n" || JCS(submission)), padded base64.
// Members are camelCase in JSON; ids are lowercase hyphenated UUIDs; submittedAt is a
// millisecond `Z` timestamp; expectedVersion is the stream's version before the event (0 for a
// new stream); payloadHash is PayloadHash.Compute of the payload sent beside it.
public sealed partial record Submission(
    Guid LedgerId,
    Guid SubmissionId,
    Guid ActorId,
    KeyId KeyId,
    DateTimeOffset SubmittedAt,
    string Type,
    Guid StreamId,
    long ExpectedVersion,
    string PayloadHash)
{
    // How far submittedAt may be from the server's clock when the ledger accepts the submission,
    // and so from the recordedAt of its seal (DESIGN §4.2, §4.7).
    public static readonly TimeSpan FreshnessWindow = TimeSpan.FromMinutes(5);

    public byte[] SigningInput()
    {
        using var buffer = new PooledByteBufferWriter(SigningInputCapacity);
        WriteSigningInput(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    // SHA-256 of JCS(this), without a domain tag: how acgs.submissions tells a retry from a reused id.
    public string CanonicalSha256()
    {
        using var buffer = new PooledByteBufferWriter(SigningInputCapacity);
        WriteCanonical(buffer);
        return Sha256Hex.Of(buffer.WrittenSpan);
    }

    public string Sign(SigningKey actorKey)
    {
        ArgumentNullException.ThrowIfNull(actorKey);
        if (actorKey.KeyId != KeyId)
        {
            throw new ArgumentException($"The submission names key {KeyId}, not {actorKey.KeyId}.", nameof(actorKey));
        }

        using var buffer = new PooledByteBufferWriter(SigningInputCapacity);
        WriteSigningInput(buffer);
        return WireEncoding.ToBase64(actorKey.Sign(buffer.WrittenSpan));
    }

    // The named key id must be the verifying key's own: a signature is judged only by the key the
    // submission claims.
    public bool VerifySignature(VerificationKey actorKey, string? signature)
    {
        ArgumentNullException.ThrowIfNull(actorKey);
        if (actorKey.KeyId != KeyId)
        {
            return false;
        }

        using var buffer = new PooledByteBufferWriter(SigningInputCapacity);
        WriteSigningInput(buffer);
        return actorKey.Verify(buffer.WrittenSpan, signature);
    }

    internal bool IsWellFormed() =>
        KeyId.Value is not null
        && !string.IsNullOrEmpty(Type)
        && ExpectedVersion is >= 0 and <= StrictJson.MaxSafeInteger
        && Sha256Hex.IsWellFormed(PayloadHash);
}
