using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

public class ledger_profile_accepts_i_json
{
    public static TheoryData<string> Accepted => new(
        "0",
        "-1",
        "9007199254740991",
        "-9007199254740991",
        "[0,1,-1]",
        """{"a":{"a":{"a":1}},"b":{"a":1}}""",
        """[{"a":1},{"a":1}]""",
        """{"emoji":"\ud83d\ude00","raw":"😀","lastBeforeNoncharacters":"\ufdcf\ufdf0\ufffd"}""",
        """{"control":"\u0001\u001f","escapes":"\"\\\/\b\f\n\r\t"}""",
        """{"escapedBackslashThenLetters":"\\ud800\\u0000"}""",
        """{"":"empty name","\u0061b":"escaped name"}""",
        """ { "whitespace" : [ true , false , null ] } """,
        "\"a lone string\"");

    [Theory]
    [MemberData(nameof(Accepted))]
    public void input_is_accepted_and_parsed(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);

        using StrictJsonResult result = StrictJson.Parse(utf8);

        result.Error.ShouldBeNull();
        result.IsValid.ShouldBeTrue();
        using JsonDocument reference = JsonDocument.Parse(utf8);
        CanonicalJson.Canonicalize(result.RootElement).ShouldBe(CanonicalJson.Canonicalize(reference.RootElement));
    }

    [Fact]
    public void the_root_of_a_refused_input_cannot_be_read()
    {
        using StrictJsonResult result = StrictJson.Parse("[1.5]"u8.ToArray());

        Should.Throw<InvalidOperationException>(() => result.RootElement);
    }
}
