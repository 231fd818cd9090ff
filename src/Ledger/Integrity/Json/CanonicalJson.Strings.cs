using System.Buffers;
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
        ReadOnlySpan<byte> shortForm = c switch
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
            Write(destination, shortForm);
            return;
        }

        // Other controls as \u00xx with lowercase hexadecimal digits.
        Span<byte> escape = destination.GetSpan(6);
        "\\u00"u8.CopyTo(escape);
        escape[4] = HexDigit(c >> 4);
        escape[5] = HexDigit(c & 0xF);
        destination.Advance(6);
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);
}
