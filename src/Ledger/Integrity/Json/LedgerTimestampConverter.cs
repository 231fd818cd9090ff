using System.Text.Json;
using System.Text.Json.Serialization;

namespace Acgs.Ledger.Integrity;

/// <summary>Reads and writes every <see cref="DateTimeOffset"/> as a <see cref="LedgerTimestamp"/>.</summary>
public sealed class LedgerTimestampConverter : JsonConverter<DateTimeOffset>
{
    // Room for every character written as a \uXXXX escape: the unescaped text is what counts.
    private const int MaxEscapedLength = LedgerTimestamp.Length * 6;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            long length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            Span<byte> text = stackalloc byte[MaxEscapedLength];
            if (length <= MaxEscapedLength && LedgerTimestamp.TryParse(text[..reader.CopyString(text)], out DateTimeOffset value))
            {
                return value;
            }
        }

        throw new JsonException("A timestamp is a string yyyy-MM-ddTHH:mm:ss.fffZ: UTC, three fraction digits, an instant that exists.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[LedgerTimestamp.Length];
        LedgerTimestamp.FormatUtf8(value, text);
        writer.WriteStringValue(text);
    }
}
