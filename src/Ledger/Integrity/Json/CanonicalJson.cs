using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): members sorted by the UTF-16 code units of their
/// names, no insignificant whitespace, strings with the minimal escape set of ECMAScript's
/// JSON.stringify, numbers as ECMAScript prints doubles. Every hash and signature of the ledger is
/// computed over these bytes.
/// </summary>
/// <remarks>
/// The input is expected to be valid I-JSON, as <see cref="StrictJson"/> guarantees. Elements that
/// RFC 8785 says must fail (duplicate member names, lone surrogates, invalid UTF-8, numbers beyond
/// the double range) throw <see cref="ArgumentException"/>: reaching them is a caller's bug, never
/// a client's input.
/// </remarks>
public static partial class CanonicalJson
{
    /// <summary>Returns the canonical UTF-8 bytes of <paramref name="element"/>.</summary>
    public static byte[] Canonicalize(JsonElement element)
    {
        using var buffer = new PooledByteBufferWriter();
        WriteValue(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Appends the canonical UTF-8 bytes of <paramref name="element"/> to <paramref name="destination"/>,
    /// e.g. right after a domain tag that is hashed with them.
    /// </summary>
    public static void Canonicalize(JsonElement element, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteValue(element, destination);
    }

    /// <summary>The canonical form as text, for display and tests; hash the bytes, not this string.</summary>
    public static string CanonicalizeToString(JsonElement element)
    {
        using var buffer = new PooledByteBufferWriter();
        WriteValue(element, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Serialises <paramref name="value"/> with <see cref="LedgerJson.Options"/> and canonicalises the result.</summary>
    public static byte[] Serialize<T>(T value)
    {
        using JsonDocument document = JsonSerializer.SerializeToDocument(value, LedgerJson.Options);
        return Canonicalize(document.RootElement);
    }

    /// <summary>Appends the canonical form of <paramref name="value"/> as serialised with <see cref="LedgerJson.Options"/>.</summary>
    public static void Serialize<T>(T value, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using JsonDocument document = JsonSerializer.SerializeToDocument(value, LedgerJson.Options);
        WriteValue(document.RootElement, destination);
    }

    private static void WriteValue(JsonElement element, IBufferWriter<byte> destination)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, destination);
                break;
            case JsonValueKind.Array:
                WriteArray(element, destination);
                break;
            case JsonValueKind.String:
                WriteStringValue(element, destination);
                break;
            case JsonValueKind.Number:
                WriteNumber(element, destination);
                break;
            case JsonValueKind.True:
                Write(destination, "true"u8);
                break;
            case JsonValueKind.False:
                Write(destination, "false"u8);
                break;
            case JsonValueKind.Null:
                Write(destination, "null"u8);
                break;
            default:
                throw new ArgumentException($"A JSON value of kind {element.ValueKind} cannot be canonicalised.", nameof(element));
        }
    }

    // Objects up to this many members whose names are plain ASCII (no escape) are sorted in place
    // by their raw UTF-8 names, which for ASCII is the order of UTF-16 code units.
    private const int MaxRawSortedMembers = 32;

    private static void WriteObject(JsonElement element, IBufferWriter<byte> destination)
    {
        int count = element.GetPropertyCount();
        if (count == 0)
        {
            Write(destination, "{}"u8);
            return;
        }

        if (count <= MaxRawSortedMembers && TryWriteObjectWithRawNames(element, count, destination))
        {
            return;
        }

        string[] names = ArrayPool<string>.Shared.Rent(count);
        JsonElement[] values = ArrayPool<JsonElement>.Shared.Rent(count);
        try
        {
            int index = 0;
            foreach (JsonProperty member in element.EnumerateObject())
            {
                names[index] = ReadName(member);
                values[index] = member.Value;
                index++;
            }

            // RFC 8785 §3.2.3: sort by UTF-16 code units, which is what ordinal string comparison does.
            names.AsSpan(0, count).Sort(values.AsSpan(0, count), StringComparer.Ordinal);

            WriteByte(destination, (byte)'{');
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    if (string.Equals(names[i - 1], names[i], StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"Member name \"{names[i]}\" appears twice in one object (RFC 8785 §3.1 requires I-JSON).", nameof(element));
                    }

                    WriteByte(destination, (byte)',');
                }

                WriteString(names[i], destination);
                WriteByte(destination, (byte)':');
                WriteValue(values[i], destination);
            }

            WriteByte(destination, (byte)'}');
        }
        finally
        {
            ArrayPool<string>.Shared.Return(names, clearArray: true);
            ArrayPool<JsonElement>.Shared.Return(values, clearArray: true);
        }
    }

    // The common case: every name is ASCII without a backslash, so its raw bytes are its canonical
    // form (valid JSON holds no raw control character or quote in a name), byte order is UTF-16
    // order, and equal raw bytes are equal names. Returns false, having written nothing, otherwise.
    private static bool TryWriteObjectWithRawNames(JsonElement element, int count, IBufferWriter<byte> destination)
    {
        JsonProperty[] members = ArrayPool<JsonProperty>.Shared.Rent(count);
        try
        {
            int index = 0;
            foreach (JsonProperty member in element.EnumerateObject())
            {
                ReadOnlySpan<byte> name = JsonMarshal.GetRawUtf8PropertyName(member);
                if (name.Contains((byte)'\\') || !Ascii.IsValid(name))
                {
                    return false;
                }

                // Insertion sort: objects here are small, and ledger documents often arrive sorted.
                int position = index;
                while (position > 0 && JsonMarshal.GetRawUtf8PropertyName(members[position - 1]).SequenceCompareTo(name) > 0)
                {
                    members[position] = members[position - 1];
                    position--;
                }

                members[position] = member;
                index++;
            }

            WriteByte(destination, (byte)'{');
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> name = JsonMarshal.GetRawUtf8PropertyName(members[i]);
                if (i > 0)
                {
                    if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(members[i - 1])))
                    {
                        throw new ArgumentException($"Member name \"{Encoding.UTF8.GetString(name)}\" appears twice in one object (RFC 8785 §3.1 requires I-JSON).", nameof(element));
                    }

                    WriteByte(destination, (byte)',');
                }

                Span<byte> target = destination.GetSpan(name.Length + 3);
                target[0] = (byte)'"';
                name.CopyTo(target[1..]);
                target[name.Length + 1] = (byte)'"';
                target[name.Length + 2] = (byte)':';
                destination.Advance(name.Length + 3);
                WriteValue(members[i].Value, destination);
            }

            WriteByte(destination, (byte)'}');
            return true;
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(members, clearArray: true);
        }
    }

    private static void WriteArray(JsonElement element, IBufferWriter<byte> destination)
    {
        WriteByte(destination, (byte)'[');
        bool first = true;
        foreach (JsonElement item in element.EnumerateArray())
        {
            if (!first)
            {
                WriteByte(destination, (byte)',');
            }

            first = false;
            WriteValue(item, destination);
        }

        WriteByte(destination, (byte)']');
    }

    private static void WriteStringValue(JsonElement element, IBufferWriter<byte> destination)
    {
        // The raw token includes its quotes. Without a backslash it holds no escape, and valid JSON
        // holds no raw control character or quote inside a string, so the raw bytes are already
        // canonical once they are known to be valid UTF-8.
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        if (!raw.Contains((byte)'\\'))
        {
            if (!Utf8.IsValid(raw))
            {
                throw new ArgumentException("A string is not valid UTF-8.", nameof(element));
            }

            Write(destination, raw);
            return;
        }

        if (!Utf8.IsValid(raw))
        {
            throw new ArgumentException("A string holds a lone surrogate or invalid UTF-8.", nameof(element));
        }

        WriteEscapedRaw(raw, destination);
    }

    private static string ReadName(JsonProperty member)
    {
        try
        {
            return member.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("A member name holds a lone surrogate or invalid UTF-8.", nameof(member), e);
        }
    }

    private static void WriteNumber(JsonElement element, IBufferWriter<byte> destination)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(element);
        if (IsShortIntegerLiteral(raw))
        {
            Write(destination, raw);
            return;
        }

        // System.Text.Json returns an infinity, not an error, for literals beyond the double range.
        double value = element.GetDouble();
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Number {Encoding.UTF8.GetString(raw)} is beyond the IEEE 754 double range (RFC 8785 §3.2.2.3).", nameof(element));
        }

        Span<byte> text = destination.GetSpan(EcmaScriptNumber.MaxLength);
        destination.Advance(EcmaScriptNumber.Format(value, text));
    }

    /// <summary>
    /// The ledger's own numbers are integers well inside ±2^53, whose ECMAScript form is the JSON
    /// literal itself (JSON already forbids leading zeros and "+"); they skip the double round trip.
    /// Fifteen characters keep every such literal below 2^53 in magnitude.
    /// </summary>
    private static bool IsShortIntegerLiteral(ReadOnlySpan<byte> raw)
    {
        const int MaxLength = 15;
        if (raw.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<byte> digits = raw[0] == (byte)'-' ? raw[1..] : raw;
        return digits.Length > 0
            && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !raw.SequenceEqual("-0"u8);
    }

    private static void WriteByte(IBufferWriter<byte> destination, byte value)
    {
        destination.GetSpan(1)[0] = value;
        destination.Advance(1);
    }

    private static void Write(IBufferWriter<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination.GetSpan(bytes.Length));
        destination.Advance(bytes.Length);
    }
}
