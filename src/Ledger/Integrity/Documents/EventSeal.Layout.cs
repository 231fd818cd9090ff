using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Acgs.Ledger.Identity;

namespace Acgs.Ledger.Integrity;

// The seal's canonical text has one layout, the one ToHeaderText writes: every member is present,
// RFC 8785 sorts them the same way every time, and each value has exactly one spelling (lowercase
// hex and UUIDs, ledger timestamps, integers without sign or leading zero, padded base64). Reading
// exactly that layout byte by byte accepts only text that TryParse's general path accepts as well,
// with the same values: every token read here is the canonical form of the value it yields, and the
// values are the well-formed ones IsWellFormed asks for. Anything else (a type name outside
// printable ASCII, an escape, white space, a negative or oversized number, another order) is not
// read here and goes to the general path, which accepts or refuses it with its reason. The verifier
// reads every seal of the ledger through here, and needs where the signed submission lies in the text.
public sealed partial record EventSeal
{
    internal static bool TryReadLayout(ReadOnlySpan<byte> text, [NotNullWhen(true)] out EventSeal? seal, out Range submission)
    {
        seal = null;
        submission = default;
        var cursor = new LayoutCursor(text);
        if (!cursor.Literal("{\"actorVersion\":"u8) || !cursor.Integer(out var actorVersion)
            || !cursor.Literal(",\"hash\":"u8) || !cursor.Hex(Sha256Hex.Length, out var hash)
            || !cursor.Literal(",\"ledgerId\":"u8) || !cursor.Guid(out var ledgerId)
            || !cursor.Literal(",\"prev\":"u8) || !cursor.Hex(Sha256Hex.Length, out var prev)
            || !cursor.Literal(",\"recordedAt\":"u8) || !cursor.Timestamp(out var recordedAt)
            || !cursor.Literal(",\"signature\":"u8) || !cursor.Signature(out var signature)
            || !cursor.Literal(",\"streamId\":"u8) || !cursor.Guid(out var streamId)
            || !cursor.Literal(",\"submission\":"u8))
        {
            return false;
        }
        var submissionStart = cursor.Position;
        if (!cursor.Literal("{\"actorId\":"u8) || !cursor.Guid(out var actorId)
            || !cursor.Literal(",\"expectedVersion\":"u8) || !cursor.Integer(out var expectedVersion)
            || !cursor.Literal(",\"keyId\":"u8) || !cursor.Hex(KeyId.Length, out var keyIdText)
            || !cursor.Literal(",\"ledgerId\":"u8) || !cursor.Guid(out var submissionLedgerId)
            || !cursor.Literal(",\"payloadHash\":"u8) || !cursor.Hex(Sha256Hex.Length, out var payloadHash)
            || !cursor.Literal(",\"streamId\":"u8) || !cursor.Guid(out var submissionStreamId)
            || !cursor.Literal(",\"submissionId\":"u8) || !cursor.Guid(out var submissionId)
            || !cursor.Literal(",\"submittedAt\":"u8) || !cursor.Timestamp(out var submittedAt)
            || !cursor.Literal(",\"type\":"u8) || !cursor.PlainString(out var type)
            || !cursor.Literal("}"u8))
        {
            return false;
        }
        var submissionEnd = cursor.Position;
        if (!cursor.Literal(",\"version\":"u8) || !cursor.Integer(out var version) || !cursor.Literal("}"u8) || !cursor.AtEnd
            || version < 1 || !KeyId.TryParse(keyIdText, out var keyId))
        {
            return false;
        }

        var signed = new Submission(submissionLedgerId, submissionId, actorId, keyId, submittedAt, type, submissionStreamId, expectedVersion, payloadHash);
        seal = new EventSeal(new EventSealInput(ledgerId, streamId, version, signed, signature, recordedAt, actorVersion, prev), hash);
        submission = submissionStart..submissionEnd;
        return true;
    }

    private ref struct LayoutCursor(ReadOnlySpan<byte> text)
    {
        // Sixteen digits hold every integer up to 2^53 − 1.
        private const int MaxIntegerDigits = 16;
        private const int GuidLength = 36;
        private const int SignatureLength = (VerificationKey.SignatureSize + 2) / 3 * 4;

        private readonly ReadOnlySpan<byte> text = text;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position == text.Length;

        private readonly ReadOnlySpan<byte> Rest => text[Position..];

        public bool Literal(ReadOnlySpan<byte> expected)
        {
            if (!Rest.StartsWith(expected))
            {
                return false;
            }
            Position += expected.Length;
            return true;
        }

        // 0, or a digit 1–9 and further digits, within 2^53 − 1: the ECMAScript form of a safe
        // non-negative integer. A minus sign is never read here.
        public bool Integer(out long value)
        {
            value = 0;
            var rest = Rest;
            var digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
            if (digits < 0)
            {
                digits = rest.Length;
            }
            if (digits is < 1 or > MaxIntegerDigits || (rest[0] == (byte)'0' && digits > 1))
            {
                return false;
            }
            foreach (var digit in rest[..digits])
            {
                value = value * 10 + (digit - '0');
            }
            Position += digits;
            return value <= StrictJson.MaxSafeInteger;
        }

        public bool Hex(int length, [NotNullWhen(true)] out string? value)
        {
            value = null;
            if (!Quoted(length, out var body) || body.IndexOfAnyExcept("0123456789abcdef"u8) >= 0)
            {
                return false;
            }
            value = Encoding.ASCII.GetString(body);
            return true;
        }

        // Lowercase and hyphenated, as System.Text.Json writes a Guid.
        public bool Guid(out Guid value)
        {
            value = default;
            return Quoted(GuidLength, out var body)
                && body.IndexOfAnyExcept("0123456789abcdef-"u8) < 0
                && body.Count((byte)'-') == 4 && body[8] == (byte)'-' && body[13] == (byte)'-' && body[18] == (byte)'-' && body[23] == (byte)'-'
                && Utf8Parser.TryParse(body, out value, out var consumed, 'D') && consumed == GuidLength;
        }

        public bool Timestamp(out DateTimeOffset value)
        {
            value = default;
            return Quoted(LedgerTimestamp.Length, out var body) && LedgerTimestamp.TryParse(body, out value);
        }

        // Padded standard base64 of a 64-byte signature, in the one spelling its bytes encode to.
        public bool Signature([NotNullWhen(true)] out string? value)
        {
            value = null;
            if (!Quoted(SignatureLength, out var body))
            {
                return false;
            }
            Span<byte> signature = stackalloc byte[VerificationKey.SignatureSize];
            Span<byte> encoded = stackalloc byte[SignatureLength];
            if (Base64.DecodeFromUtf8(body, signature, out var consumed, out var written) != OperationStatus.Done
                || consumed != SignatureLength || written != VerificationKey.SignatureSize
                || Base64.EncodeToUtf8(signature, encoded, out _, out var encodedLength) != OperationStatus.Done
                || !encoded[..encodedLength].SequenceEqual(body))
            {
                return false;
            }
            value = Encoding.ASCII.GetString(body);
            return true;
        }

        // A non-empty string of printable ASCII other than `"` and `\`: RFC 8785 writes such a
        // string as it is, between quotes.
        public bool PlainString([NotNullWhen(true)] out string? value)
        {
            value = null;
            var rest = Rest;
            if (rest.IsEmpty || rest[0] != (byte)'"')
            {
                return false;
            }
            var length = rest[1..].IndexOfAny((byte)'"', (byte)'\\');
            if (length < 1 || rest[1 + length] != (byte)'"')
            {
                return false;
            }
            var body = rest.Slice(1, length);
            if (body.IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0)
            {
                return false;
            }
            value = Encoding.ASCII.GetString(body);
            Position += length + 2;
            return true;
        }

        private bool Quoted(int length, out ReadOnlySpan<byte> body)
        {
            var rest = Rest;
            if (rest.Length < length + 2 || rest[0] != (byte)'"' || rest[length + 1] != (byte)'"')
            {
                body = default;
                return false;
            }
            body = rest.Slice(1, length);
            Position += length + 2;
            return true;
        }
    }
}
