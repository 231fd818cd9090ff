using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Acgs.Api.Reads;

// An opaque "next page" token of the document reads: the last position a page served (a document id,
// or a constitution version) and the first 16 bytes of a SHA-256 over the read's canonical query and
// that position. A token from another query, or with any byte changed, is refused. It is a checksum,
// not a MAC: whoever forges one only names a position to start after, which any reader may do by
// paging, so no key is needed and every node reads every token.
// Layout: base64url (RFC 4648 §5, unpadded) of version (1 byte) ‖ position ‖ check (16 bytes).
public static class ReadCursor
{
    private const byte Version = 1;
    private const int CheckBytes = 16;
    private const int MaxPositionBytes = 16;

    private static ReadOnlySpan<byte> Tag => "acgs:read-cursor:v1\n"u8;

    public static string Issue(string query, ReadOnlySpan<byte> position)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position.Length, MaxPositionBytes);
        var token = new byte[1 + position.Length + CheckBytes];
        token[0] = Version;
        position.CopyTo(token.AsSpan(1));
        Check(query, position).CopyTo(token.AsSpan(1 + position.Length));
        return Base64Url.EncodeToString(token);
    }

    public static string Issue(string query, Guid after) => Issue(query, after.ToByteArray(bigEndian: true));

    public static string Issue(string query, int after)
    {
        Span<byte> position = stackalloc byte[sizeof(int)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(position, after);
        return Issue(query, position);
    }

    // False for anything but a token issued for this query with a position of this length.
    public static bool TryRead(string query, string? text, int positionBytes, out byte[] position)
    {
        ArgumentNullException.ThrowIfNull(query);
        position = [];
        var tokenBytes = 1 + positionBytes + CheckBytes;
        var token = new byte[tokenBytes];
        if (text is null || text.Length != Base64Url.GetEncodedLength(tokenBytes)
            // IsValid refuses padding and set unused bits, so a token has one spelling.
            || !Base64Url.IsValid(text)
            || Base64Url.DecodeFromChars(text, token) != tokenBytes
            || token[0] != Version)
        {
            return false;
        }
        var candidate = token.AsSpan(1, positionBytes);
        if (!CryptographicOperations.FixedTimeEquals(Check(query, candidate), token.AsSpan(1 + positionBytes)))
        {
            return false;
        }
        position = candidate.ToArray();
        return true;
    }

    public static bool TryRead(string query, string? text, out Guid after)
    {
        after = Guid.Empty;
        if (!TryRead(query, text, 16, out var position))
        {
            return false;
        }
        after = new Guid(position, bigEndian: true);
        return true;
    }

    public static bool TryRead(string query, string? text, out int after)
    {
        after = 0;
        if (!TryRead(query, text, sizeof(int), out var position))
        {
            return false;
        }
        after = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(position);
        return after >= 0;
    }

    private static byte[] Check(string query, ReadOnlySpan<byte> position)
    {
        // Tag, the query, a newline (never part of a canonical query), then the position.
        var queryBytes = Encoding.UTF8.GetBytes(query);
        var input = new byte[Tag.Length + queryBytes.Length + 1 + position.Length];
        Tag.CopyTo(input);
        queryBytes.CopyTo(input.AsSpan(Tag.Length));
        input[Tag.Length + queryBytes.Length] = (byte)'\n';
        position.CopyTo(input.AsSpan(Tag.Length + queryBytes.Length + 1));
        return SHA256.HashData(input)[..CheckBytes];
    }
}
