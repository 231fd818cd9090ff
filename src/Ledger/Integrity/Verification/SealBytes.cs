using System.Text.Json;

namespace Acgs.Ledger.Integrity.Verification;

// Once EventSeal.TryParse has accepted a header, its text is the canonical form (RFC 8785) of the
// seal, so the bytes the hash and the signature cover are already there: the hashed object is the
// text without its `hash` member (members are sorted, so that member comes right after
// `actorVersion`), and the signed submission is the text of the nested `submission` object (a nested
// object's canonical form is its own). Reading them out spares serialising them again for every
// event. Only for text EventSeal.TryParse accepted: anything else is a caller's bug.
internal static class SealBytes
{
    private const int HashMemberLength = 8 + Sha256Hex.Length + 2; // "hash":"<hex>",

    // Tag + a seal of about 800 bytes, hashed in place without a copy on the heap.
    private const int HashInputCapacity = 1024;

    // The hex of SHA-256 over the tag and the hashed object.
    public static string Hash(ReadOnlySpan<byte> canonicalSeal)
    {
        using var buffer = new PooledByteBufferWriter(HashInputCapacity);
        WriteHashInput(canonicalSeal, buffer);
        return Sha256Hex.Of(buffer.WrittenSpan);
    }

    private static void WriteHashInput(ReadOnlySpan<byte> canonicalSeal, PooledByteBufferWriter buffer)
    {
        var prefix = "{\"actorVersion\":"u8;
        if (!canonicalSeal.StartsWith(prefix))
        {
            throw NotCanonical();
        }
        var digits = canonicalSeal[prefix.Length..].IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        var start = prefix.Length + digits + 1;
        if (digits < 1 || canonicalSeal.Length < start + HashMemberLength
            || canonicalSeal[start - 1] != (byte)','
            || !canonicalSeal[start..].StartsWith("\"hash\":\""u8)
            || !canonicalSeal[(start + HashMemberLength - 2)..].StartsWith("\","u8))
        {
            throw NotCanonical();
        }
        var tag = DomainTags.Event;
        var length = checked(tag.Length + canonicalSeal.Length - HashMemberLength);
        var input = buffer.GetSpan(length);
        tag.CopyTo(input);
        canonicalSeal[..start].CopyTo(input[tag.Length..]);
        canonicalSeal[(start + HashMemberLength)..].CopyTo(input[(tag.Length + start)..]);
        buffer.Advance(length);
    }

    public static Range Submission(ReadOnlySpan<byte> canonicalSeal)
    {
        var reader = new Utf8JsonReader(canonicalSeal);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw NotCanonical();
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSubmission = reader.ValueTextEquals("submission"u8);
            reader.Read();
            var start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            if (isSubmission)
            {
                return start..checked((int)reader.BytesConsumed);
            }
        }
        throw NotCanonical();
    }

    private static InvalidOperationException NotCanonical() => new("not the text of a seal EventSeal.TryParse accepted");
}
