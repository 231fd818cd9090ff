using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Acgs.Ledger.Integrity;

public static partial class CanonicalJson
{
    /// <summary>The only characters RFC 8785 §3.2.2.2 escapes: controls, quotation mark, reverse solidus.</summary>
    private static readonly SearchValues<char> CharactersToEscape = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\");

    internal static void WriteString(ReadOnlySpan<char> text, IBufferWriter<byte> destination)
    {
        WriteByte(destination, (byte)'"');
        while (true)
        {
            int next = text.IndexOfAny(CharactersToEscape);
            WriteUtf8(next < 0 ? text : text[..next], destination);
            if (next < 0)
            {
                break;
            }

            WriteEscape(text[next], destination);
            text = text[(next + 1)..];
        }

        WriteByte(destination, (byte)'"');
    }

    /// <summary>
    /// Rewrites a raw JSON string token (quotes included, valid UTF-8, escapes as the parser
    /// accepted them) in canonical form without decoding it to UTF-16: unescaped runs are copied,
    /// each escape is replaced by its character or by the canonical escape. The result is never
    /// longer than the token.
    /// </summary>
    private static void WriteEscapedRaw(ReadOnlySpan<byte> raw, IBufferWriter<byte> destination)
    {
        Span<byte> target = destination.GetSpan(raw.Length);
        ReadOnlySpan<byte> body = raw[1..^1];
        int written = 0;
        target[written++] = (byte)'"';
        while (true)
        {
            int next = body.IndexOf((byte)'\\');
            ReadOnlySpan<byte> plain = next < 0 ? body : body[..next];
            plain.CopyTo(target[written..]);
            written += plain.Length;
            if (next < 0)
            {
                break;
            }

            int consumed = 2;
            int scalar;
            switch (body[next + 1])
            {
                case (byte)'u':
                    scalar = ReadHex4(body.Slice(next + 2, 4));
                    consumed = 6;
                    if (char.IsHighSurrogate((char)scalar))
                    {
                        int low = body.Length >= next + 12 && body[next + 6] == (byte)'\\' && body[next + 7] == (byte)'u'
                            ? ReadHex4(body.Slice(next + 8, 4))
                            : -1;
                        if (low < 0 || !char.IsLowSurrogate((char)low))
                        {
                            throw new ArgumentException("A string holds a lone surrogate or invalid UTF-8.", nameof(raw));
                        }

                        scalar = char.ConvertToUtf32((char)scalar, (char)low);
                        consumed = 12;
                    }
                    else if (char.IsLowSurrogate((char)scalar))
                    {
                        throw new ArgumentException("A string holds a lone surrogate or invalid UTF-8.", nameof(raw));
                    }

                    break;
                case (byte)'b':
                    scalar = '\b';
                    break;
                case (byte)'f':
                    scalar = '\f';
                    break;
                case (byte)'n':
                    scalar = '\n';
                    break;
                case (byte)'r':
                    scalar = '\r';
                    break;
                case (byte)'t':
                    scalar = '\t';
                    break;
                default:
                    // \", \\ and \/ stand for the character after the reverse solidus.
                    scalar = body[next + 1];
                    break;
            }

            written += WriteCanonicalScalar(scalar, target[written..]);
            body = body[(next + consumed)..];
        }

        target[written++] = (byte)'"';
        destination.Advance(written);
    }

    private static int WriteCanonicalScalar(int scalar, Span<byte> target)
    {
        ReadOnlySpan<byte> shortForm = scalar switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\b' => "\\b"u8,
            '\f' => "\\f"u8,
            '\n' => "\\n"u8,
            '\r' => "\\r"u8,
            '\t' => "\\t"u8,
            _ => default,
        };
        if (!shortForm.IsEmpty)
        {
            shortForm.CopyTo(target);
            return shortForm.Length;
        }

        // Other controls as \u00xx with lowercase hexadecimal digits (RFC 8785 §3.2.2.2).
        if (scalar < 0x20)
        {
            "\\u00"u8.CopyTo(target);
            target[4] = HexDigit(scalar >> 4);
            target[5] = HexDigit(scalar & 0xF);
            return 6;
        }

        return new Rune(scalar).EncodeToUtf8(target);
    }

    private static int ReadHex4(ReadOnlySpan<byte> digits)
    {
        int value = 0;
        foreach (byte digit in digits)
        {
            int nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => throw new ArgumentException("A string holds an invalid \\u escape.", nameof(digits)),
            };
            value = (value << 4) | nibble;
        }

        return value;
    }

    private static void WriteUtf8(ReadOnlySpan<char> text, IBufferWriter<byte> destination)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Span<byte> target = destination.GetSpan(checked(text.Length * 3));
        OperationStatus status = Utf8.FromUtf16(text, target, out _, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            // A lone surrogate: RFC 8785 §3.2.2.2 requires an error, never a replacement character.
            throw new ArgumentException("A string or member name holds a lone surrogate.", nameof(text));
        }

        destination.Advance(written);
    }

    private static void WriteEscape(char c, IBufferWriter<byte> destination)
    {
        var target = destination.GetSpan(6);
        destination.Advance(WriteCanonicalScalar(c, target));
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);
}
