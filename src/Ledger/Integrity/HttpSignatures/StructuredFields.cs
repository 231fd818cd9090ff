using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Acgs.Ledger.Integrity.HttpSignatures;

// A token bare item (RFC 8941 §3.3.4), kept apart from a string because the two serialise differently.
public sealed record Token(string Value);

// A parameter (RFC 8941 §3.1.2). Value is a long, string, Token, byte[] or bool.
public sealed record Parameter(string Key, object Value);

public sealed record Item(object Value, IReadOnlyList<Parameter> Parameters);

public sealed record InnerList(IReadOnlyList<Item> Items, IReadOnlyList<Parameter> Parameters);

// Member is an Item or an InnerList.
public sealed record DictionaryMember(string Key, object Member);

// RFC 8941 structured field values, exactly the subset RFC 9421's Signature-Input and Signature fields
// use: dictionaries whose members are items or inner lists, parameters, and bare items of type integer,
// string, token, byte sequence and boolean. Parsing is stricter than the RFC: decimals are refused,
// a key repeated in a dictionary or a parameter list is refused (RFC 8941 lets the last one win; two
// readers of one signed field must never see two values), and base64 must be padded and canonical.
public static class StructuredFields
{
    public const int MaxIntegerDigits = 15;

    // RFC 8941 §4.2: parse as one field value; the caller joins repeated field lines with ", ".
    public static bool TryParseDictionary(
        string text,
        [NotNullWhen(true)] out IReadOnlyList<DictionaryMember>? dictionary,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        dictionary = null;
        reader.SkipSpaces();
        var members = new List<DictionaryMember>();
        while (!reader.AtEnd)
        {
            if (!reader.TryKey(out var key, out error))
            {
                return false;
            }
            if (members.Any(member => member.Key == key))
            {
                error = $"dictionary key {key} appears twice";
                return false;
            }
            object member;
            if (reader.Peek == '=')
            {
                reader.Advance();
                if (!reader.TryItemOrInnerList(out member!, out error))
                {
                    return false;
                }
            }
            else
            {
                if (!reader.TryParameters(out var parameters, out error))
                {
                    return false;
                }
                member = new Item(true, parameters);
            }
            members.Add(new DictionaryMember(key, member));
            reader.SkipOptionalWhitespace();
            if (reader.AtEnd)
            {
                break;
            }
            if (reader.Peek != ',')
            {
                error = $"expected ',' after dictionary member {key} at {reader.Position}";
                return false;
            }
            reader.Advance();
            reader.SkipOptionalWhitespace();
            if (reader.AtEnd)
            {
                error = "a dictionary cannot end with ','";
                return false;
            }
        }
        if (members.Count == 0)
        {
            error = "the field is empty";
            return false;
        }
        dictionary = members;
        error = null;
        return true;
    }

    // RFC 8941 §4.1.1.2 and §4.1.1.1.
    public static string Serialize(InnerList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var builder = new StringBuilder("(");
        for (var index = 0; index < list.Items.Count; index++)
        {
            if (index > 0)
            {
                builder.Append(' ');
            }
            AppendItem(builder, list.Items[index]);
        }
        builder.Append(')');
        AppendParameters(builder, list.Parameters);
        return builder.ToString();
    }

    public static string Serialize(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var builder = new StringBuilder();
        AppendItem(builder, item);
        return builder.ToString();
    }

    public static string Serialize(IReadOnlyList<DictionaryMember> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var builder = new StringBuilder();
        foreach (var member in dictionary)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }
            CheckKey(member.Key);
            builder.Append(member.Key);
            switch (member.Member)
            {
                case InnerList list:
                    builder.Append('=').Append(Serialize(list));
                    break;
                case Item { Value: true } flag:
                    AppendParameters(builder, flag.Parameters);
                    break;
                case Item item:
                    builder.Append('=');
                    AppendItem(builder, item);
                    break;
                default:
                    throw new ArgumentException($"member {member.Key} is neither an item nor an inner list", nameof(dictionary));
            }
        }
        return builder.ToString();
    }

    private static void AppendItem(StringBuilder builder, Item item)
    {
        AppendBareItem(builder, item.Value);
        AppendParameters(builder, item.Parameters);
    }

    private static void AppendParameters(StringBuilder builder, IReadOnlyList<Parameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            CheckKey(parameter.Key);
            builder.Append(';').Append(parameter.Key);
            if (parameter.Value is not true)
            {
                builder.Append('=');
                AppendBareItem(builder, parameter.Value);
            }
        }
    }

    private static void AppendBareItem(StringBuilder builder, object value)
    {
        switch (value)
        {
            case long integer when Math.Abs(integer) < 1_000_000_000_000_000:
                builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case string text when text.All(IsStringCharacter):
                builder.Append('"');
                foreach (var character in text)
                {
                    if (character is '"' or '\\')
                    {
                        builder.Append('\\');
                    }
                    builder.Append(character);
                }
                builder.Append('"');
                break;
            case Token token when IsToken(token.Value):
                builder.Append(token.Value);
                break;
            case byte[] bytes:
                builder.Append(':').Append(Convert.ToBase64String(bytes)).Append(':');
                break;
            case bool flag:
                builder.Append(flag ? "?1" : "?0");
                break;
            default:
                throw new ArgumentException($"{value} cannot be serialised as an RFC 8941 bare item", nameof(value));
        }
    }

    private static void CheckKey(string key)
    {
        if (!IsKey(key))
        {
            throw new ArgumentException($"{key} is not an RFC 8941 key", nameof(key));
        }
    }

    private static bool IsKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetterLower(key[0]) || key[0] == '*')
        && key.All(character => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) || character is '_' or '-' or '.' or '*');

    private static bool IsToken(string token) =>
        token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] == '*') && token.All(character => IsTokenCharacter(character) || character is ':' or '/');

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTokenCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || "!#$%&'*+-.^_`|~".Contains(character, StringComparison.Ordinal);

    private static bool IsStringCharacter(char character) => character is >= ' ' and <= '~';

    private ref struct Reader(string text)
    {
        private readonly string text = text;

        public int Position { get; private set; }

        public readonly bool AtEnd => Position >= text.Length;

        public readonly char Peek => AtEnd ? '\0' : text[Position];

        public void Advance() => Position++;

        public void SkipSpaces()
        {
            while (Peek == ' ')
            {
                Advance();
            }
        }

        public void SkipOptionalWhitespace()
        {
            while (Peek is ' ' or '\t')
            {
                Advance();
            }
        }

        public bool TryItemOrInnerList([NotNullWhen(true)] out object? member, [NotNullWhen(false)] out string? error)
        {
            if (Peek == '(')
            {
                var parsed = TryInnerList(out var list, out error);
                member = list;
                return parsed;
            }
            var parsedItem = TryItem(out var item, out error);
            member = item;
            return parsedItem;
        }

        private bool TryInnerList([NotNullWhen(true)] out InnerList? list, [NotNullWhen(false)] out string? error)
        {
            list = null;
            Advance();
            var items = new List<Item>();
            while (true)
            {
                SkipSpaces();
                if (AtEnd)
                {
                    error = "an inner list is not closed with ')'";
                    return false;
                }
                if (Peek == ')')
                {
                    Advance();
                    if (!TryParameters(out var parameters, out error))
                    {
                        return false;
                    }
                    list = new InnerList(items, parameters);
                    return true;
                }
                if (!TryItem(out var item, out error))
                {
                    return false;
                }
                items.Add(item);
                if (Peek is not (' ' or ')'))
                {
                    error = $"expected ' ' or ')' in an inner list at {Position}";
                    return false;
                }
            }
        }

        private bool TryItem([NotNullWhen(true)] out Item? item, [NotNullWhen(false)] out string? error)
        {
            item = null;
            if (!TryBareItem(out var value, out error) || !TryParameters(out var parameters, out error))
            {
                return false;
            }
            item = new Item(value, parameters);
            return true;
        }

        public bool TryParameters([NotNullWhen(true)] out IReadOnlyList<Parameter>? parameters, [NotNullWhen(false)] out string? error)
        {
            parameters = null;
            var list = new List<Parameter>();
            while (Peek == ';')
            {
                Advance();
                SkipSpaces();
                if (!TryKey(out var key, out error))
                {
                    return false;
                }
                if (list.Any(parameter => parameter.Key == key))
                {
                    error = $"parameter {key} appears twice";
                    return false;
                }
                object value = true;
                if (Peek == '=')
                {
                    Advance();
                    if (!TryBareItem(out value!, out error))
                    {
                        return false;
                    }
                }
                list.Add(new Parameter(key, value));
            }
            parameters = list;
            error = null;
            return true;
        }

        public bool TryKey([NotNullWhen(true)] out string? key, [NotNullWhen(false)] out string? error)
        {
            key = null;
            if (!char.IsAsciiLetterLower(Peek) && Peek != '*')
            {
                error = $"expected a key (a lowercase letter or '*') at {Position}";
                return false;
            }
            var start = Position;
            while (char.IsAsciiLetterLower(Peek) || char.IsAsciiDigit(Peek) || Peek is '_' or '-' or '.' or '*')
            {
                Advance();
            }
            key = text[start..Position];
            error = null;
            return true;
        }

        private bool TryBareItem([NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
        {
            value = null;
            error = null;
            var start = Position;
            switch (Peek)
            {
                case '-' or (>= '0' and <= '9'):
                    return TryInteger(out value, out error);
                case '"':
                    return TryString(out value, out error);
                case ':':
                    return TryByteSequence(out value, out error);
                case '?':
                    Advance();
                    if (Peek is '0' or '1')
                    {
                        value = Peek == '1';
                        Advance();
                        return true;
                    }
                    error = $"a boolean is ?0 or ?1 (at {start})";
                    return false;
                case var first when char.IsAsciiLetter(first) || first == '*':
                    while (IsTokenCharacter(Peek) || Peek is ':' or '/')
                    {
                        Advance();
                    }
                    value = new Token(text[start..Position]);
                    return true;
                default:
                    error = AtEnd ? "a value is missing at the end" : $"'{Peek}' cannot start a value (at {start})";
                    return false;
            }
        }

        private bool TryInteger([NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
        {
            value = null;
            var start = Position;
            if (Peek == '-')
            {
                Advance();
            }
            var digitsStart = Position;
            while (char.IsAsciiDigit(Peek))
            {
                Advance();
            }
            var digits = Position - digitsStart;
            if (digits == 0 || digits > MaxIntegerDigits)
            {
                error = $"an integer has 1 to {MaxIntegerDigits} digits (at {start})";
                return false;
            }
            if (Peek == '.')
            {
                error = $"decimals are not accepted (at {start})";
                return false;
            }
            value = long.Parse(text.AsSpan(start, Position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            error = null;
            return true;
        }

        private bool TryString([NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
        {
            value = null;
            var start = Position;
            Advance();
            var builder = new StringBuilder();
            while (!AtEnd)
            {
                var character = Peek;
                Advance();
                if (character == '"')
                {
                    value = builder.ToString();
                    error = null;
                    return true;
                }
                if (character == '\\')
                {
                    if (Peek is not ('"' or '\\'))
                    {
                        error = $"a string may escape only '\"' and '\\' (at {Position})";
                        return false;
                    }
                    character = Peek;
                    Advance();
                }
                else if (!IsStringCharacter(character))
                {
                    error = $"a string holds printable ASCII only (at {Position - 1})";
                    return false;
                }
                builder.Append(character);
            }
            error = $"the string opened at {start} is not closed";
            return false;
        }

        private bool TryByteSequence([NotNullWhen(true)] out object? value, [NotNullWhen(false)] out string? error)
        {
            value = null;
            var start = Position;
            Advance();
            var end = text.IndexOf(':', Position);
            if (end < 0)
            {
                error = $"the byte sequence opened at {start} is not closed";
                return false;
            }
            var encoded = text[Position..end];
            Position = end + 1;
            if (!TryCanonicalBase64(encoded, out var bytes))
            {
                error = $"the byte sequence at {start} is not padded canonical base64";
                return false;
            }
            value = bytes;
            error = null;
            return true;
        }

        private static bool TryCanonicalBase64(string encoded, [NotNullWhen(true)] out byte[]? bytes)
        {
            bytes = null;
            if (encoded.Length % 4 != 0 || !encoded.All(character => char.IsAsciiLetterOrDigit(character) || character is '+' or '/' or '='))
            {
                return false;
            }
            try
            {
                var decoded = Convert.FromBase64String(encoded);
                if (Convert.ToBase64String(decoded) != encoded)
                {
                    return false;
                }
                bytes = decoded;
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
