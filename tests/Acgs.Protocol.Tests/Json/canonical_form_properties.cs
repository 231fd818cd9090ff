using System.Globalization;
using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;
using CsCheck;

namespace Acgs.Protocol.Tests.Json;

/// <summary>Properties of JCS over generated ledger-profile documents, written with varying order, whitespace and escapes.</summary>
public class canonical_form_properties
{
    private const long Iterations = 500;

    [Fact]
    public void canonicalisation_is_stable_under_reparsing()
    {
        Check.Sample(GeneratedJson.Documents, document =>
        {
            byte[] once = Canonical(GeneratedJson.Render(document, new Random(1)));
            byte[] twice = Canonical(once);

            twice.ShouldBe(once);
        }, iter: Iterations, print: GeneratedJson.Print);
    }

    [Fact]
    public void member_order_whitespace_and_escapes_never_change_the_canonical_form()
    {
        Check.Sample(GeneratedJson.Documents.Select(Gen.Int, Gen.Int), (document, firstSeed, secondSeed) =>
        {
            byte[] first = Canonical(GeneratedJson.Render(document, new Random(firstSeed)));
            byte[] second = Canonical(GeneratedJson.Render(document, new Random(secondSeed)));

            second.ShouldBe(first);
        }, iter: Iterations, print: value => GeneratedJson.Print(value.Item1));
    }

    [Fact]
    public void generated_ledger_json_and_its_canonical_form_are_accepted_by_the_ledger_profile()
    {
        Check.Sample(GeneratedJson.Documents.Select(Gen.Int), (document, seed) =>
        {
            byte[] rendered = GeneratedJson.Render(document, new Random(seed));

            StrictJson.Validate(rendered).ShouldBeNull();
            StrictJson.Validate(Canonical(rendered)).ShouldBeNull();
        }, iter: Iterations, print: value => GeneratedJson.Print(value.Item1));
    }

    [Fact]
    public void canonical_form_equals_the_model_written_canonically()
    {
        Check.Sample(GeneratedJson.Documents, document =>
        {
            Encoding.UTF8.GetString(Canonical(GeneratedJson.Render(document, new Random(7))))
                .ShouldBe(GeneratedJson.Canonical(document));
        }, iter: Iterations, print: GeneratedJson.Print);
    }

    [Fact]
    public void strict_parsing_never_throws_on_arbitrary_bytes()
    {
        Check.Sample(Gen.Byte.Array[0, 48], bytes =>
        {
            foreach (JsonInputProfile profile in Enum.GetValues<JsonInputProfile>())
            {
                using StrictJsonResult result = StrictJson.Parse(bytes, profile);
                (result.IsValid || result.Error is not null).ShouldBeTrue();
            }
        }, iter: 5_000);
    }

    [Fact]
    public void strict_parsing_never_throws_on_corrupted_documents()
    {
        Check.Sample(GeneratedJson.Documents.Select(Gen.Int, Gen.Byte), (document, position, replacement) =>
        {
            byte[] rendered = GeneratedJson.Render(document, new Random(position));
            rendered[(int)((uint)position % rendered.Length)] = replacement;

            using StrictJsonResult result = StrictJson.Parse(rendered);
            if (result.IsValid)
            {
                // Whatever is accepted must also be canonicalisable.
                CanonicalJson.Canonicalize(result.RootElement).ShouldNotBeEmpty();
            }
        }, iter: 5_000, print: value => GeneratedJson.Print(value.Item1));
    }

    private static byte[] Canonical(byte[] json)
    {
        using StrictJsonResult result = StrictJson.Parse(json);
        result.Error.ShouldBeNull();
        return CanonicalJson.Canonicalize(result.RootElement);
    }
}

/// <summary>A JSON value of the ledger profile, and ways to write it.</summary>
internal abstract record JsonModel;

internal sealed record JsonStringModel(string Value) : JsonModel;

internal sealed record JsonIntegerModel(long Value) : JsonModel;

internal sealed record JsonLiteralModel(string Text) : JsonModel;

internal sealed record JsonArrayModel(JsonModel[] Items) : JsonModel;

internal sealed record JsonObjectModel((string Name, JsonModel Value)[] Members) : JsonModel;

internal static class GeneratedJson
{
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.Char['a', 'z'].Select(c => c.ToString()),
            Gen.Char['\u0001', '\u007f'].Select(c => c.ToString()),
            Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString()),
            Gen.Char['\ue000', '\ufdcf'].Select(c => c.ToString()),
            Gen.Char['\ufdf0', '\ufffd'].Select(c => c.ToString()),
            Gen.Int[0x10000, 0x10FFFF].Where(scalar => (scalar & 0xFFFE) != 0xFFFE).Select(char.ConvertFromUtf32))
        .Array[0, 6]
        .Select(string.Concat);

    private static readonly Gen<JsonModel> Scalars = Gen.OneOf<JsonModel>(
        Text.Select(value => (JsonModel)new JsonStringModel(value)),
        Gen.Long[-StrictJson.MaxSafeInteger, StrictJson.MaxSafeInteger].Select(value => (JsonModel)new JsonIntegerModel(value)),
        Gen.OneOf(Gen.Const(0L), Gen.Const(StrictJson.MaxSafeInteger), Gen.Const(-StrictJson.MaxSafeInteger), Gen.Long[-1000, 1000])
            .Select(value => (JsonModel)new JsonIntegerModel(value)),
        Gen.OneOf(Gen.Const("true"), Gen.Const("false"), Gen.Const("null")).Select(text => (JsonModel)new JsonLiteralModel(text)));

    public static readonly Gen<JsonModel> Documents = Gen.Recursive<JsonModel>((depth, self) =>
        depth >= 4
            ? Scalars
            : Gen.OneOf<JsonModel>(
                Scalars,
                self.Array[0, 5].Select(items => (JsonModel)new JsonArrayModel(items)),
                Text.ArrayUnique[0, 6].SelectMany(names => self.Array[names.Length].Select(values =>
                    (JsonModel)new JsonObjectModel(names.Zip(values).ToArray())))));

    /// <summary>Writes the value as valid ledger JSON with a random member order, whitespace and escaping.</summary>
    public static byte[] Render(JsonModel value, Random random)
    {
        var builder = new StringBuilder();
        Write(value, random, builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>The canonical form computed from the model alone, as RFC 8785 describes it.</summary>
    public static string Canonical(JsonModel value) => value switch
    {
        JsonStringModel s => CanonicalString(s.Value),
        JsonIntegerModel i => i.Value.ToString(CultureInfo.InvariantCulture),
        JsonLiteralModel l => l.Text,
        JsonArrayModel a => "[" + string.Join(',', a.Items.Select(Canonical)) + "]",
        JsonObjectModel o => "{" + string.Join(',', o.Members
            .OrderBy(member => member.Name, StringComparer.Ordinal)
            .Select(member => CanonicalString(member.Name) + ":" + Canonical(member.Value))) + "}",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Print(JsonModel value) => Canonical(value);

    private static void Write(JsonModel value, Random random, StringBuilder builder)
    {
        Whitespace(random, builder);
        switch (value)
        {
            case JsonStringModel s:
                WriteString(s.Value, random, builder);
                break;
            case JsonIntegerModel i:
                builder.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonLiteralModel l:
                builder.Append(l.Text);
                break;
            case JsonArrayModel a:
                builder.Append('[');
                for (int index = 0; index < a.Items.Length; index++)
                {
                    if (index > 0)
                    {
                        builder.Append(',');
                    }

                    Write(a.Items[index], random, builder);
                }

                Whitespace(random, builder);
                builder.Append(']');
                break;
            case JsonObjectModel o:
                builder.Append('{');
                bool first = true;
                foreach ((string name, JsonModel member) in o.Members.OrderBy(_ => random.Next()))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    Whitespace(random, builder);
                    WriteString(name, random, builder);
                    Whitespace(random, builder);
                    builder.Append(':');
                    Write(member, random, builder);
                }

                Whitespace(random, builder);
                builder.Append('}');
                break;
        }

        Whitespace(random, builder);
    }

    private static void WriteString(string text, Random random, StringBuilder builder)
    {
        builder.Append('"');
        Span<char> units = stackalloc char[2];
        foreach (Rune rune in text.EnumerateRunes())
        {
            bool mustEscape = rune.Value < 0x20 || rune.Value == '"' || rune.Value == '\\';
            if (mustEscape || random.Next(4) == 0)
            {
                int count = rune.EncodeToUtf16(units);
                foreach (char unit in units[..count])
                {
                    string format = random.Next(2) == 0 ? "x4" : "X4";
                    builder.Append("\\u").Append(((int)unit).ToString(format, CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        builder.Append('"');
    }

    // RFC 8785 §3.2.2.2 string escaping, written out plainly as the model the fast paths are held to.
    internal static string CanonicalString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static void Whitespace(Random random, StringBuilder builder)
    {
        int count = random.Next(3) == 0 ? random.Next(1, 3) : 0;
        for (int i = 0; i < count; i++)
        {
            builder.Append(" \t\r\n"[random.Next(4)]);
        }
    }
}
