using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Acgs.Ledger.Integrity;

/// <summary>
/// The ledger's input parser (DESIGN §4.1). A signed document must mean one thing to every parser:
/// anything two parsers could read differently (duplicate names, lone surrogates, numbers that
/// doubles cannot hold exactly) is refused with the path of the offending member, never repaired.
/// Invalid input never throws.
/// </summary>
public static class StrictJson
{
    /// <summary>The deepest nesting of objects and arrays accepted; a bound on the recursion of every later walk.</summary>
    public const int MaxDepth = 64;

    /// <summary>2^53 − 1: beyond it, IEEE 754 doubles (and so JavaScript) no longer hold every integer.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Validates <paramref name="utf8"/> against <paramref name="profile"/> and parses it.</summary>
    /// <remarks>The document reads from <paramref name="utf8"/> without copying it.</remarks>
    public static StrictJsonResult Parse(ReadOnlyMemory<byte> utf8, JsonInputProfile profile = JsonInputProfile.Ledger)
    {
        JsonInputError? error = Validate(utf8.Span, profile);
        return error is null
            ? StrictJsonResult.Success(JsonDocument.Parse(utf8, DocumentOptions))
            : StrictJsonResult.Failure(error);
    }

    /// <summary>Returns why <paramref name="utf8"/> is refused under <paramref name="profile"/>, or null when it is accepted.</summary>
    public static JsonInputError? Validate(ReadOnlySpan<byte> utf8, JsonInputProfile profile = JsonInputProfile.Ledger)
    {
        if (!Enum.IsDefined(profile))
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown JSON input profile.");
        }

        return new Validator(profile, FirstInvalidUtf8Offset(utf8)).Run(utf8);
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        int offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out int consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private sealed class Validator(JsonInputProfile profile, int firstInvalidUtf8)
    {
        private const string StringPrefix = "string ";

        private readonly List<Frame> frames = [];
        private readonly List<HashSet<string>?> memberNamesByDepth = [];

        private bool IsLedger => profile == JsonInputProfile.Ledger;

        public JsonInputError? Run(ReadOnlySpan<byte> utf8)
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
                // One more than ours, so that the depth check below reports it, with its own kind.
                MaxDepth = MaxDepth + 1,
            });

            try
            {
                while (reader.Read())
                {
                    JsonInputError? error = Visit(ref reader);
                    if (error is not null)
                    {
                        return error;
                    }
                }
            }
            catch (JsonException e)
            {
                return firstInvalidUtf8 >= 0
                    ? InvalidUtf8Error()
                    : Error(JsonInputErrorKind.Malformed, $"not well-formed JSON: {e.Message}");
            }

            // Bytes outside strings are ASCII or the reader throws, and every string was checked
            // above; this keeps any input with invalid UTF-8 from being accepted all the same.
            return firstInvalidUtf8 >= 0 ? InvalidUtf8Error() : null;
        }

        private JsonInputError? Visit(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    BeginValue();
                    if (frames.Count == MaxDepth)
                    {
                        return Error(JsonInputErrorKind.DepthExceeded, $"objects and arrays nest deeper than {MaxDepth} levels");
                    }

                    bool isObject = reader.TokenType == JsonTokenType.StartObject;
                    frames.Add(new Frame(isObject, isObject ? MemberNames(frames.Count) : null));
                    return null;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    return null;
                case JsonTokenType.PropertyName:
                    return VisitMemberName(ref reader);
                case JsonTokenType.String:
                    BeginValue();
                    return CheckString(reader.ValueSpan, reader.ValueIsEscaped, StringPrefix);
                case JsonTokenType.Number:
                    BeginValue();
                    return CheckNumber(reader.ValueSpan);
                default:
                    BeginValue();
                    return null;
            }
        }

        private JsonInputError? VisitMemberName(ref Utf8JsonReader reader)
        {
            ReadOnlySpan<byte> raw = reader.ValueSpan;
            ref Frame frame = ref CollectionsMarshal.AsSpan(frames)[^1];
            JsonInputError? error = CheckString(raw, reader.ValueIsEscaped, string.Empty);
            if (error is not null)
            {
                frame.MemberName = DecodeForDisplay(raw, reader.ValueIsEscaped);
                return Error(error.Kind, $"member name {error.Message}");
            }

            string name = reader.ValueIsEscaped ? reader.GetString()! : Encoding.UTF8.GetString(raw);
            frame.MemberName = name;
            return frame.MemberNames!.Add(name)
                ? null
                : Error(JsonInputErrorKind.DuplicateMember, "member name appears more than once in this object");
        }

        private void BeginValue()
        {
            if (frames.Count > 0)
            {
                ref Frame frame = ref CollectionsMarshal.AsSpan(frames)[^1];
                if (!frame.IsObject)
                {
                    frame.Index++;
                }
            }
        }

        /// <summary>
        /// Checks one string token; messages start with <paramref name="prefix"/>. Member names pass
        /// an empty prefix and complete the message themselves, once the path names the member.
        /// </summary>
        private JsonInputError? CheckString(ReadOnlySpan<byte> raw, bool escaped, string prefix)
        {
            if (firstInvalidUtf8 >= 0 && !Utf8.IsValid(raw))
            {
                return Error(JsonInputErrorKind.InvalidUtf8, $"{prefix}is not valid UTF-8");
            }

            if (escaped)
            {
                JsonInputError? escapeError = CheckEscapes(raw, prefix);
                if (escapeError is not null)
                {
                    return escapeError;
                }
            }

            if (IsLedger)
            {
                // Noncharacters are all encoded with a lead byte EF (U+FDD0–U+FFFF) or F0–F4 (above U+FFFF).
                int start = raw.IndexOfAnyInRange((byte)0xEF, (byte)0xF4);
                while (start >= 0)
                {
                    Rune.DecodeFromUtf8(raw[start..], out Rune rune, out int consumed);
                    if (IsNoncharacter(rune.Value))
                    {
                        return NoncharacterError(rune.Value, prefix);
                    }

                    int next = raw[(start + consumed)..].IndexOfAnyInRange((byte)0xEF, (byte)0xF4);
                    start = next < 0 ? -1 : start + consumed + next;
                }
            }

            return null;
        }

        private JsonInputError? CheckEscapes(ReadOnlySpan<byte> raw, string prefix)
        {
            // The reader has already checked the escape grammar: every \u has four hexadecimal digits.
            int i = raw.IndexOf((byte)'\\');
            while (i >= 0)
            {
                if (raw[i + 1] != (byte)'u')
                {
                    i += 2;
                }
                else
                {
                    int unit = ParseHex4(raw.Slice(i + 2, 4));
                    i += 6;
                    int scalar = unit;
                    if (char.IsHighSurrogate((char)unit))
                    {
                        bool paired = i + 6 <= raw.Length
                            && raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u'
                            && char.IsLowSurrogate((char)ParseHex4(raw.Slice(i + 2, 4)));
                        if (!paired)
                        {
                            return LoneSurrogateError(unit, prefix);
                        }

                        scalar = char.ConvertToUtf32((char)unit, (char)ParseHex4(raw.Slice(i + 2, 4)));
                        i += 6;
                    }
                    else if (char.IsLowSurrogate((char)unit))
                    {
                        return LoneSurrogateError(unit, prefix);
                    }

                    if (IsLedger && scalar == 0)
                    {
                        return Error(JsonInputErrorKind.NullCharacter, $"{prefix}holds U+0000, which PostgreSQL's jsonb refuses");
                    }

                    if (IsLedger && IsNoncharacter(scalar))
                    {
                        return NoncharacterError(scalar, prefix);
                    }
                }

                int next = raw[i..].IndexOf((byte)'\\');
                i = next < 0 ? -1 : i + next;
            }

            return null;
        }

        private JsonInputError? CheckNumber(ReadOnlySpan<byte> raw)
        {
            if (!IsLedger)
            {
                // Literals beyond the double range parse as infinities, which have no canonical form.
                double value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                return double.IsFinite(value)
                    ? null
                    : Error(JsonInputErrorKind.NumberOutOfRange, $"number {Encoding.ASCII.GetString(raw)} is beyond the range of IEEE 754 doubles");
            }

            if (raw.IndexOfAny(".eE"u8) >= 0)
            {
                return Error(JsonInputErrorKind.NotAnInteger, $"number {Encoding.ASCII.GetString(raw)} has a fraction or an exponent; only integers are accepted (ratios are an integer numerator and denominator)");
            }

            if (raw.SequenceEqual("-0"u8))
            {
                return Error(JsonInputErrorKind.NegativeZero, "-0 is not accepted; write 0");
            }

            // JSON integers have no leading zeros, so among digit strings of one length the order of
            // the bytes is the order of the numbers.
            ReadOnlySpan<byte> digits = raw[0] == (byte)'-' ? raw[1..] : raw;
            ReadOnlySpan<byte> limit = "9007199254740991"u8;
            bool outOfRange = digits.Length > limit.Length
                || (digits.Length == limit.Length && digits.SequenceCompareTo(limit) > 0);
            return outOfRange
                ? Error(JsonInputErrorKind.IntegerOutOfRange, $"integer {Encoding.ASCII.GetString(raw)} is outside ±(2^53−1)")
                : null;
        }

        private JsonInputError LoneSurrogateError(int unit, string prefix) =>
            Error(JsonInputErrorKind.LoneSurrogate, $"{prefix}holds the lone surrogate \\u{unit:x4}");

        private JsonInputError NoncharacterError(int scalar, string prefix) =>
            Error(JsonInputErrorKind.Noncharacter, $"{prefix}holds the noncharacter U+{scalar:X4}, which I-JSON (RFC 7493 §2.1) forbids");

        private JsonInputError InvalidUtf8Error() =>
            Error(JsonInputErrorKind.InvalidUtf8, $"invalid UTF-8 at byte {firstInvalidUtf8}");

        private JsonInputError Error(JsonInputErrorKind kind, string message) =>
            new(kind, JsonPath.Format(CurrentPath()), message);

        private IEnumerable<JsonPathSegment> CurrentPath()
        {
            foreach (Frame frame in frames)
            {
                if (frame.IsObject && frame.MemberName is not null)
                {
                    yield return JsonPathSegment.Member(frame.MemberName);
                }
                else if (!frame.IsObject && frame.Index >= 0)
                {
                    yield return JsonPathSegment.Element(frame.Index);
                }
            }
        }

        /// <summary>One reusable set per depth: an object's names are only compared while it is open.</summary>
        private HashSet<string> MemberNames(int depth)
        {
            while (memberNamesByDepth.Count <= depth)
            {
                memberNamesByDepth.Add(null);
            }

            HashSet<string> names = memberNamesByDepth[depth] ??= new HashSet<string>(StringComparer.Ordinal);
            names.Clear();
            return names;
        }

        private static bool IsNoncharacter(int scalar) =>
            scalar is >= 0xFDD0 and <= 0xFDEF || (scalar & 0xFFFE) == 0xFFFE;

        private static int ParseHex4(ReadOnlySpan<byte> hex) =>
            int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

        /// <summary>
        /// Decodes a member name that failed its checks, so that the error's path can show it: lone
        /// surrogates stay (the path escapes them), invalid UTF-8 becomes U+FFFD.
        /// </summary>
        private static string DecodeForDisplay(ReadOnlySpan<byte> raw, bool escaped)
        {
            if (!escaped)
            {
                return Encoding.UTF8.GetString(raw);
            }

            var builder = new StringBuilder(raw.Length);
            int i = 0;
            while (i < raw.Length)
            {
                int next = raw[i..].IndexOf((byte)'\\');
                int end = next < 0 ? raw.Length : i + next;
                builder.Append(Encoding.UTF8.GetString(raw[i..end]));
                if (end == raw.Length)
                {
                    break;
                }

                byte escape = raw[end + 1];
                if (escape == (byte)'u')
                {
                    builder.Append((char)ParseHex4(raw.Slice(end + 2, 4)));
                    i = end + 6;
                }
                else
                {
                    builder.Append(escape switch
                    {
                        (byte)'b' => '\b',
                        (byte)'f' => '\f',
                        (byte)'n' => '\n',
                        (byte)'r' => '\r',
                        (byte)'t' => '\t',
                        _ => (char)escape,
                    });
                    i = end + 2;
                }
            }

            return builder.ToString();
        }

        private struct Frame(bool isObject, HashSet<string>? memberNames)
        {
            public readonly bool IsObject = isObject;
            public readonly HashSet<string>? MemberNames = memberNames;
            public string? MemberName;
            public int Index = -1;
        }
    }
}
