using System.Globalization;
using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Json;

/// <summary>
/// CanonicalJson rewrites escaped strings from their raw UTF-8 token and sorts plain ASCII member
/// names by their raw bytes; names with escapes or non-ASCII characters, and objects of more than
/// 32 members, take the string-based path. Over strings written with every escape JSON allows (short
/// forms, \/, \u in either case, surrogate pairs) and both kinds of names, the output must equal the
/// canonical form computed from the model alone.
/// </summary>
public class canonical_fast_paths_equal_the_model
{
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.Char['\u0000', '\u001f'].Select(c => c.ToString()),
            Gen.OneOf(Gen.Const("\""), Gen.Const("\\"), Gen.Const("/"), Gen.Const("\u007f"), Gen.Const("\b"), Gen.Const("\f"), Gen.Const("\n"), Gen.Const("\r"), Gen.Const("\t")),
            Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString()),
            Gen.Char['\ue000', '\uffff'].Select(c => c.ToString()),
            Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32))
        .Array[0, 8]
        .Select(string.Concat);

    private static readonly Gen<string> AsciiName = Gen.Char['\u0020', '\u007e'].Array[0, 6].Select(chars => new string(chars));

    private static readonly Gen<string> Name = Gen.OneOf(AsciiName, AsciiName, Text);

    private static readonly Gen<(string Name, string Value)[]> Objects =
        Name.ArrayUnique[0, 40].SelectMany(names => Text.Array[names.Length].Select(values => names.Zip(values).ToArray()));

    [Fact]
    public void for_escaped_strings_and_both_kinds_of_member_names()
    {
        Objects.Select(Gen.Int).Sample((members, seed) =>
        {
            var random = new Random(seed);
            var json = new StringBuilder("{");
            foreach (var (name, value) in members.OrderBy(_ => random.Next()))
            {
                json.Append(json.Length > 1 ? "," : "").Append(Escaped(name, random)).Append(':').Append(Escaped(value, random));
            }

            using var document = JsonDocument.Parse(json.Append('}').ToString());

            CanonicalJson.CanonicalizeToString(document.RootElement).ShouldBe(
                "{" + string.Join(',', members.OrderBy(member => member.Name, StringComparer.Ordinal)
                    .Select(member => GeneratedJson.CanonicalString(member.Name) + ":" + GeneratedJson.CanonicalString(member.Value))) + "}");
        }, iter: 2_000, print: value => string.Join(", ", value.Item1.Select(member => $"{member.Name}={member.Value}")));
    }

    [Fact]
    public void duplicate_names_are_refused_on_both_paths()
    {
        foreach (var json in new[] { """{"a":1,"b":2,"a":3}""", """{"\u0061":1,"a":2}""", """{"é":1,"\u00e9":2}""" })
        {
            using var document = JsonDocument.Parse(json);
            Should.Throw<ArgumentException>(() => CanonicalJson.Canonicalize(document.RootElement));
        }
    }

    [Fact]
    public void escaped_lone_surrogates_are_refused()
    {
        foreach (var json in new[] { "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud800\\u0041\"", "\"\\ud800\\n\"", "\"x\\ud83d\"" })
        {
            using var document = JsonDocument.Parse(json);
            Should.Throw<ArgumentException>(() => CanonicalJson.Canonicalize(document.RootElement));
        }
    }

    private static string Escaped(string text, Random random)
    {
        var builder = new StringBuilder("\"");
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!rune.IsBmp)
            {
                // A pair is written whole: both units escaped, or the character itself.
                builder.Append(random.Next(2) == 0
                    ? rune.ToString()
                    : $"\\u{(int)rune.ToString()[0]:x4}\\u{(int)rune.ToString()[1]:X4}");
                continue;
            }

            char unit = (char)rune.Value;
            string? shortForm = unit switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '/' => "\\/",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => null,
            };
            bool mustEscape = unit < 0x20 || unit is '"' or '\\';
            switch (random.Next(3))
            {
                case 0 when shortForm is not null:
                    builder.Append(shortForm);
                    break;
                case 1:
                    builder.Append("\\u").Append(((int)unit).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (mustEscape)
                    {
                        builder.Append("\\u").Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(unit);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
