using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Acgs.Ledger.Integrity.Notes;

// The text rules of C2SP signed-note shared by notes, keys and checkpoints.
internal static class NoteFormat
{
    // golang.org/x/mod's limit; the spec asks verifiers to cap signatures and to accept at least 16.
    public const int MaxSignatures = 100;

    public const string SignaturePrefix = "\u2014 ";

    // Valid UTF-8 with no ASCII control character other than newline.
    public static bool IsValidText(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b < 0x20 && b != (byte)'\n')
            {
                return false;
            }
        }

        return Utf8.IsValid(utf8);
    }

    // .NET strings may hold lone surrogates, which UTF-8 cannot carry: they are refused, never replaced.
    public static bool TryEncode(string text, [NotNullWhen(true)] out byte[]? utf8)
    {
        utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        if (Utf8.FromUtf16(text, utf8, out _, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            utf8 = null;
            return false;
        }

        return true;
    }

    // Non-empty, without Unicode spaces or plus; ASCII control characters are refused too, as no note can carry them.
    public static bool IsValidKeyName(string name)
    {
        if (name.Length == 0 || name.Contains('+', StringComparison.Ordinal) || !TryEncode(name, out _))
        {
            return false;
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value < 0x20)
            {
                return false;
            }
        }

        return true;
    }

    // Standard padded base64 (RFC 4648 §4) in its one canonical spelling: .NET's decoder skips whitespace
    // and ignores non-zero padding bits, so the value is re-encoded and must come back unchanged.
    public static bool TryDecodeBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer[..written];
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    public static bool TryParseKeyId(string hex, out uint keyId)
    {
        keyId = 0;
        if (hex.Length != 8 || hex.AsSpan().ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        keyId = Convert.ToUInt32(hex, 16);
        return true;
    }
}
