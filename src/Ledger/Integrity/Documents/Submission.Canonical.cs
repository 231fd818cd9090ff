using System.Buffers;

namespace Acgs.Ledger.Integrity;

// The signing input of a submission written directly: the members are fixed, so their canonical
// order is known and no JSON document is built or sorted. What this writes must equal
// DomainTags.Submission + CanonicalJson.Serialize(this) byte for byte (a property test compares the
// two over generated submissions); anything outside the ledger's usual values (a null or
// surrogate-holding string, an empty key id, a timestamp that is not a whole millisecond, a version
// too long for a short integer literal) takes the generic path, which keeps its behaviour, errors
// included.
public sealed partial record Submission
{
    // Tag (19) + members and punctuation (about 330) + room for a longer type name.
    private const int SigningInputCapacity = 512;

    // A version of at most fifteen characters is its own ECMAScript form (CanonicalJson.IsShortIntegerLiteral).
    internal const long MaxDirectVersion = 999_999_999_999_999;

    internal void WriteSigningInput(IBufferWriter<byte> destination)
    {
        Write(destination, DomainTags.Submission);
        WriteCanonical(destination);
    }

    // JCS(this): also what identifies the submission's bytes in acgs.submissions, and the member
    // `submission` of a seal.
    internal void WriteCanonical(IBufferWriter<byte> destination)
    {
        if (!CanWriteDirectly())
        {
            CanonicalJson.Serialize(this, destination);
            return;
        }

        // RFC 8785 §3.2.3 order (UTF-16 code units of the camelCase names): actorId, expectedVersion,
        // keyId, ledgerId, payloadHash, streamId, submissionId, submittedAt, type.
        Write(destination, "{\"actorId\":"u8);
        WriteGuid(destination, ActorId);
        Write(destination, ",\"expectedVersion\":"u8);
        Span<byte> number = destination.GetSpan(20);
        ExpectedVersion.TryFormat(number, out int numberLength, default, System.Globalization.CultureInfo.InvariantCulture);
        destination.Advance(numberLength);
        Write(destination, ",\"keyId\":"u8);
        CanonicalJson.WriteString(KeyId.Value, destination);
        Write(destination, ",\"ledgerId\":"u8);
        WriteGuid(destination, LedgerId);
        Write(destination, ",\"payloadHash\":"u8);
        CanonicalJson.WriteString(PayloadHash, destination);
        Write(destination, ",\"streamId\":"u8);
        WriteGuid(destination, StreamId);
        Write(destination, ",\"submissionId\":"u8);
        WriteGuid(destination, SubmissionId);
        Write(destination, ",\"submittedAt\":\""u8);
        Span<byte> timestamp = destination.GetSpan(LedgerTimestamp.Length);
        LedgerTimestamp.FormatUtf8(SubmittedAt, timestamp);
        destination.Advance(LedgerTimestamp.Length);
        Write(destination, "\",\"type\":"u8);
        CanonicalJson.WriteString(Type, destination);
        Write(destination, "}"u8);
    }

    internal bool CanWriteDirectly() =>
        KeyId.Value is not null
        && Type is not null
        && PayloadHash is not null
        && !HasSurrogate(Type)
        && !HasSurrogate(PayloadHash)
        && !HasSurrogate(KeyId.Value)
        && ExpectedVersion is >= -MaxDirectVersion / 10 and <= MaxDirectVersion
        && SubmittedAt.UtcTicks % TimeSpan.TicksPerMillisecond == 0;

    internal static bool HasSurrogate(string text) => text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF');

    internal static void WriteGuid(IBufferWriter<byte> destination, Guid value)
    {
        // 36 characters, lowercase and hyphenated ("D"), between quotes: what System.Text.Json writes.
        Span<byte> target = destination.GetSpan(38);
        target[0] = (byte)'"';
        value.TryFormat(target[1..], out int written, "D");
        target[written + 1] = (byte)'"';
        destination.Advance(written + 2);
    }

    internal static void Write(IBufferWriter<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination.GetSpan(bytes.Length));
        destination.Advance(bytes.Length);
    }
}
