using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Acgs.Ledger.Integrity;

namespace Acgs.Ledger.Reads;

// An opaque "next page" token: the last leaf index a page served, and an HMAC-SHA-256 (RFC 2104) over
// that index and the query it belongs to. The query itself is not in the token: the server recomputes
// it from the request, so a token taken from another query, or altered in any byte, fails the MAC.
// Layout: base64url (RFC 4648 §5, unpadded) of version (1 byte) ‖ afterLeaf (8 bytes, big-endian) ‖ MAC (32 bytes).
public static class PageCursor
{
    public const int KeyBytes = 32;

    // The exact length of every token this version writes: anything else is refused unread.
    public const int TextLength = 55;

    private const byte Version = 1;
    private const int LeafOffset = 1;
    private const int MacOffset = LeafOffset + sizeof(long);
    private const int TokenBytes = MacOffset + HMACSHA256.HashSizeInBytes;

    public static string Issue(ReadOnlySpan<byte> key, string query, long afterLeaf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(afterLeaf);
        CheckKey(key);
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(token[LeafOffset..MacOffset], afterLeaf);
        Mac(key, query, token[..MacOffset], token[MacOffset..]);
        return Base64Url.EncodeToString(token);
    }

    // False for anything but a token this key issued for this query; never throws on the token's text.
    public static bool TryRead(ReadOnlySpan<byte> key, string query, string? text, out long afterLeaf)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckKey(key);
        afterLeaf = 0;
        Span<byte> token = stackalloc byte[TokenBytes];
        if (text is not { Length: TextLength }
            // IsValid refuses padding and unused bits that are set, so a token has one spelling.
            || !Base64Url.IsValid(text)
            || Base64Url.DecodeFromChars(text, token) != TokenBytes
            || token[0] != Version)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(key, query, token[..MacOffset], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, token[MacOffset..]))
        {
            return false;
        }
        afterLeaf = BinaryPrimitives.ReadInt64BigEndian(token[LeafOffset..MacOffset]);
        return afterLeaf >= 0;
    }

    private static void Mac(ReadOnlySpan<byte> key, string query, ReadOnlySpan<byte> head, Span<byte> destination)
    {
        // Tag, then the fixed-length head, then the query: the boundaries are unambiguous.
        var queryBytes = Encoding.UTF8.GetBytes(query);
        var input = new byte[checked(DomainTags.PageCursor.Length + head.Length + queryBytes.Length)];
        DomainTags.PageCursor.CopyTo(input);
        head.CopyTo(input.AsSpan(DomainTags.PageCursor.Length));
        queryBytes.CopyTo(input.AsSpan(DomainTags.PageCursor.Length + head.Length));
        HMACSHA256.HashData(key, input, destination);
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"a cursor key is {KeyBytes} bytes", nameof(key));
        }
    }
}
