using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

public class canonicalization_matches_rfc8785_vectors
{
    public static TheoryData<string> CyberphoneVectors => new(JcsVectors.CyberphoneNames());

    public static TheoryData<string, string?, string> AppendixBNumbers
    {
        get
        {
            var rows = new TheoryData<string, string?, string>();
            using JsonDocument table = JsonDocument.Parse(JcsVectors.Read(JcsVectors.RfcText, "appendix-b-numbers.json"));
            foreach (JsonElement vector in table.RootElement.GetProperty("vectors").EnumerateArray())
            {
                rows.Add(
                    vector.GetProperty("ieee754_hex").GetString()!,
                    vector.GetProperty("expected").GetString(),
                    vector.GetProperty("comment").GetString()!);
            }

            return rows;
        }
    }

    public static TheoryData<string, string> Es6NumberSamples
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (string line in File.ReadLines(JcsVectors.PathOf(JcsVectors.Cyberphone, "es6-number-samples.csv")))
            {
                string[] fields = line.Split(',');
                rows.Add(fields[0], fields[1]);
            }

            return rows;
        }
    }

    [Fact]
    public void all_six_cyberphone_vectors_are_present()
    {
        CyberphoneVectors.Count.ShouldBe(6);
        AppendixBNumbers.Count.ShouldBe(26);
        Es6NumberSamples.Count.ShouldBe(7);
    }

    [Theory]
    [MemberData(nameof(CyberphoneVectors))]
    public void cyberphone_input_canonicalises_to_its_output(string name)
    {
        byte[] expected = JcsVectors.Read(JcsVectors.Cyberphone, "output", name + ".json");
        using JsonDocument input = JsonDocument.Parse(JcsVectors.Read(JcsVectors.Cyberphone, "input", name + ".json"));

        byte[] canonical = CanonicalJson.Canonicalize(input.RootElement);

        Encoding.UTF8.GetString(canonical).ShouldBe(Encoding.UTF8.GetString(expected));
        canonical.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(CyberphoneVectors))]
    public void cyberphone_input_canonicalises_to_its_outhex_bytes(string name)
    {
        byte[] expected = JcsVectors.FromSpacedHex(JcsVectors.ReadText(JcsVectors.Cyberphone, "outhex", name + ".txt"));
        using StrictJsonResult input = StrictJson.Parse(JcsVectors.Read(JcsVectors.Cyberphone, "input", name + ".json"), JsonInputProfile.Rfc8785);

        input.Error.ShouldBeNull();
        CanonicalJson.Canonicalize(input.RootElement).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(CyberphoneVectors))]
    public void cyberphone_output_is_its_own_canonical_form(string name)
    {
        byte[] output = JcsVectors.Read(JcsVectors.Cyberphone, "output", name + ".json");
        using JsonDocument document = JsonDocument.Parse(output);

        CanonicalJson.Canonicalize(document.RootElement).ShouldBe(output);
    }

    [Fact]
    public void rfc_section_3_2_2_sample_canonicalises_to_the_bytes_of_section_3_2_4()
    {
        byte[] expectedJson = JcsVectors.Read(JcsVectors.RfcText, "section-3.2.4-expected-output.json");
        byte[] expectedHex = JcsVectors.FromSpacedHex(JcsVectors.ReadText(JcsVectors.RfcText, "section-3.2.4-expected-output.hex.txt"));
        using JsonDocument input = JsonDocument.Parse(JcsVectors.Read(JcsVectors.RfcText, "section-3.2.2-input.json"));

        byte[] canonical = CanonicalJson.Canonicalize(input.RootElement);

        expectedHex.Length.ShouldBe(118);
        canonical.ShouldBe(expectedHex);
        canonical.ShouldBe(expectedJson);
    }

    [Fact]
    public void rfc_section_3_2_3_members_sort_by_utf16_code_units()
    {
        using JsonDocument input = JsonDocument.Parse(JcsVectors.Read(JcsVectors.RfcText, "section-3.2.3-sorting-input.json"));
        using JsonDocument expected = JsonDocument.Parse(JcsVectors.Read(JcsVectors.RfcText, "section-3.2.3-sorting-expected-order.json"));

        using JsonDocument canonical = JsonDocument.Parse(CanonicalJson.Canonicalize(input.RootElement));

        canonical.RootElement.EnumerateObject().Select(member => member.Value.GetString())
            .ShouldBe(expected.RootElement.GetProperty("expected_value_order_after_sorting").EnumerateArray().Select(value => value.GetString()));
    }

    [Theory]
    [MemberData(nameof(AppendixBNumbers))]
    public void rfc_appendix_b_doubles_serialise_as_ecmascript_does(string ieee754Hex, string? expected, string comment)
    {
        double value = JcsVectors.DoubleFromBits(ieee754Hex);

        if (expected is null)
        {
            double.IsFinite(value).ShouldBeFalse(comment);
            Should.Throw<ArgumentOutOfRangeException>(() => EcmaScript(value));
            return;
        }

        EcmaScript(value).ShouldBe(expected, comment);
        CanonicalNumber(value).ShouldBe(expected, comment);
    }

    [Theory]
    [MemberData(nameof(Es6NumberSamples))]
    public void es6_number_samples_serialise_as_ecmascript_does(string ieee754Hex, string expected)
    {
        double value = JcsVectors.DoubleFromBits(ieee754Hex.PadLeft(16, '0'));

        EcmaScript(value).ShouldBe(expected);
        CanonicalNumber(value).ShouldBe(expected);
    }

    private static string EcmaScript(double value)
    {
        byte[] text = new byte[EcmaScriptNumber.MaxLength];
        return Encoding.ASCII.GetString(text, 0, EcmaScriptNumber.Format(value, text));
    }

    /// <summary>The same double through the whole canonicaliser, written in .NET's round-trip form.</summary>
    private static string CanonicalNumber(double value)
    {
        using JsonDocument document = JsonDocument.Parse("[" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "]");
        string canonical = CanonicalJson.CanonicalizeToString(document.RootElement);
        return canonical[1..^1];
    }
}
