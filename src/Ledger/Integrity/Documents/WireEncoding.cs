using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Acgs.Ledger.Integrity;

// The ledger's text encodings of bytes (DESIGN §4.1): hashes as lowercase hex, keys and signatures
// as padded standard base64 (RFC 4648 §4). Decoding accepts only the one spelling the encoder
// writes, so a signed document has exactly one textual form.
public static class WireEncoding
{
    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string ToBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    public static bool IsLowercaseHex([NotNullWhen(true)] string? text, int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        if (text is null || text.Length != checked(byteCount * 2))
        {
            return false;
        }

        return !text.AsSpan().ContainsAnyExcept(LowercaseHexDigits);
    }

    // Vectorised: the verifier checks a few hashes of every event.
    private static readonly SearchValues<char> LowercaseHexDigits = SearchValues.Create("0123456789abcdef");

    // Convert.TryFromBase64String skips white space and ignores non-zero pad bits; re-encoding and
    // comparing refuses both, so two different strings never carry the same key or signature.
    public static bool TryFromBase64(string? text, int byteCount, [NotNullWhen(true)] out byte[]? bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        bytes = null;
        if (text is null || text.Length != checked((byteCount + 2) / 3 * 4))
        {
            return false;
        }

        var decoded = new byte[byteCount];
        if (!Convert.TryFromBase64String(text, decoded, out var written)
            || written != byteCount
            || !string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
