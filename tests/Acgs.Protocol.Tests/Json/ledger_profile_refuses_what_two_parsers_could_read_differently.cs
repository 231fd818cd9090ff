using System.Text;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

/// <summary>DESIGN §4.1: every refusal of the ledger's I-JSON profile, with its kind and the path it names.</summary>
public class ledger_profile_refuses_what_two_parsers_could_read_differently
{
    public static TheoryData<string, JsonInputErrorKind, string> Refusals => new()
    {
        { """{"a":1,"a":2}""", JsonInputErrorKind.DuplicateMember, "$.a" },
        { """{"a":1,"\u0061":2}""", JsonInputErrorKind.DuplicateMember, "$.a" },
        { """{"payload":{"principles":[{"t":1},{"t":1,"title":"x","title":"y"}]}}""", JsonInputErrorKind.DuplicateMember, "$.payload.principles[1].title" },
        { """[{"a b":1,"a b":2}]""", JsonInputErrorKind.DuplicateMember, "$[0]['a b']" },
        { """{"it's":1,"it's":2}""", JsonInputErrorKind.DuplicateMember, @"$['it\'s']" },
        { """{"1st":{"\n":1,"\n":2}}""", JsonInputErrorKind.DuplicateMember, @"$['1st']['\u000a']" },
        { """{"a":{"x":1},"b":{"x":1},"a":2}""", JsonInputErrorKind.DuplicateMember, "$.a" },
        { """["\ud800"]""", JsonInputErrorKind.LoneSurrogate, "$[0]" },
        { """["x\udc00"]""", JsonInputErrorKind.LoneSurrogate, "$[0]" },
        { """["\udc00\ud800"]""", JsonInputErrorKind.LoneSurrogate, "$[0]" },
        { """["\ud800\u0041"]""", JsonInputErrorKind.LoneSurrogate, "$[0]" },
        { """["\ud800"] """, JsonInputErrorKind.LoneSurrogate, "$[0]" },
        { """{"ok":"\ud83d\ude00","bad":"\uD83D"}""", JsonInputErrorKind.LoneSurrogate, "$.bad" },
        { """{"a\ud800b":1}""", JsonInputErrorKind.LoneSurrogate, @"$['a\ud800b']" },
        { """{"title":"a\u0000b"}""", JsonInputErrorKind.NullCharacter, "$.title" },
        { """{"\u0000":1}""", JsonInputErrorKind.NullCharacter, @"$['\u0000']" },
        { """["\uffff"]""", JsonInputErrorKind.Noncharacter, "$[0]" },
        { """["\uFDD0"]""", JsonInputErrorKind.Noncharacter, "$[0]" },
        { "[\"\uFDEF\"]", JsonInputErrorKind.Noncharacter, "$[0]" },
        { "[\"\uFFFE\"]", JsonInputErrorKind.Noncharacter, "$[0]" },
        { """["\ud83f\udffe"]""", JsonInputErrorKind.Noncharacter, "$[0]" },
        { "[\"\U0010FFFF\"]", JsonInputErrorKind.Noncharacter, "$[0]" },
        { """{"n":1.0}""", JsonInputErrorKind.NotAnInteger, "$.n" },
        { """{"n":1.5}""", JsonInputErrorKind.NotAnInteger, "$.n" },
        { """{"n":1e2}""", JsonInputErrorKind.NotAnInteger, "$.n" },
        { """{"n":1E2}""", JsonInputErrorKind.NotAnInteger, "$.n" },
        { """{"n":-0.0}""", JsonInputErrorKind.NotAnInteger, "$.n" },
        { """{"r":{"num":[1,2,0.5]}}""", JsonInputErrorKind.NotAnInteger, "$.r.num[2]" },
        { """{"n":-0}""", JsonInputErrorKind.NegativeZero, "$.n" },
        { """[9007199254740992]""", JsonInputErrorKind.IntegerOutOfRange, "$[0]" },
        { """[-9007199254740992]""", JsonInputErrorKind.IntegerOutOfRange, "$[0]" },
        { """[12345678901234567890]""", JsonInputErrorKind.IntegerOutOfRange, "$[0]" },
        { """{"expectedVersion":99999999999999999999999}""", JsonInputErrorKind.IntegerOutOfRange, "$.expectedVersion" },
        { """{"a":1,}""", JsonInputErrorKind.Malformed, "$.a" },
        { """[1,]""", JsonInputErrorKind.Malformed, "$[0]" },
        { """/* comment */ {}""", JsonInputErrorKind.Malformed, "$" },
        { """{} // comment""", JsonInputErrorKind.Malformed, "$" },
        { """{"a":1} {"b":2}""", JsonInputErrorKind.Malformed, "$" },
        { """{"a":1} x""", JsonInputErrorKind.Malformed, "$" },
        { "", JsonInputErrorKind.Malformed, "$" },
        { "   ", JsonInputErrorKind.Malformed, "$" },
        { """{'a':1}""", JsonInputErrorKind.Malformed, "$" },
        { """{a:1}""", JsonInputErrorKind.Malformed, "$" },
        { """[01]""", JsonInputErrorKind.Malformed, "$" },
        { """[+1]""", JsonInputErrorKind.Malformed, "$" },
        { """[1 2]""", JsonInputErrorKind.Malformed, "$[0]" },
        { """[NaN]""", JsonInputErrorKind.Malformed, "$" },
        { """["\x41"]""", JsonInputErrorKind.Malformed, "$" },
        { "[\"tab\there\"]", JsonInputErrorKind.Malformed, "$" },
        { """{"a":[1}""", JsonInputErrorKind.Malformed, "$.a[0]" },
        { """{"a":1""", JsonInputErrorKind.Malformed, "$.a" },
        { """["unterminated]""", JsonInputErrorKind.Malformed, "$" },
        { "\uFEFF{}", JsonInputErrorKind.Malformed, "$" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void input_is_refused_with_its_kind_and_path(string json, JsonInputErrorKind kind, string path)
    {
        using StrictJsonResult result = StrictJson.Parse(Encoding.UTF8.GetBytes(json));

        result.IsValid.ShouldBeFalse();
        result.Document.ShouldBeNull();
        result.Error.Kind.ShouldBe(kind, result.Error.ToString());
        result.Error.Path.ShouldBe(path, result.Error.ToString());
        result.Error.Message.ShouldNotBeNullOrWhiteSpace();
        StrictJson.Validate(Encoding.UTF8.GetBytes(json)).ShouldBe(result.Error);
    }

    public static TheoryData<byte[], string> InvalidUtf8 => new()
    {
        { [(byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']'], "$[0]" },
        { [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}'], "$.a" },
        { [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'], "$['\uFFFD']" },
        // An overlong encoding of '/', and a surrogate encoded directly: both invalid UTF-8.
        { [(byte)'[', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)']'], "$[0]" },
        { [(byte)'[', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)']'], "$[0]" },
        // Truncated sequence at the very end, and an invalid byte outside any string.
        { [(byte)'[', (byte)'"', 0xE2, 0x82], "$" },
        { [(byte)'[', (byte)'1', (byte)',', 0xC3, (byte)']'], "$[0]" },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void invalid_utf8_is_refused_with_the_path_where_it_occurs(byte[] json, string path)
    {
        using StrictJsonResult result = StrictJson.Parse(json);

        result.Error.ShouldNotBeNull();
        result.Error.Kind.ShouldBe(JsonInputErrorKind.InvalidUtf8, result.Error.ToString());
        result.Error.Path.ShouldBe(path, result.Error.ToString());
    }

    [Fact]
    public void nesting_deeper_than_64_levels_is_refused_at_the_65th()
    {
        string deepest = new string('[', StrictJson.MaxDepth) + new string(']', StrictJson.MaxDepth);
        string tooDeep = new string('[', StrictJson.MaxDepth + 1) + new string(']', StrictJson.MaxDepth + 1);

        using StrictJsonResult accepted = StrictJson.Parse(Encoding.UTF8.GetBytes(deepest));
        using StrictJsonResult refused = StrictJson.Parse(Encoding.UTF8.GetBytes(tooDeep));

        accepted.Error.ShouldBeNull();
        refused.Error.ShouldNotBeNull();
        refused.Error.Kind.ShouldBe(JsonInputErrorKind.DepthExceeded);
        refused.Error.Path.ShouldBe("$" + string.Concat(Enumerable.Repeat("[0]", StrictJson.MaxDepth)));
    }

    [Fact]
    public void deep_objects_are_refused_with_the_member_path()
    {
        string tooDeep = string.Concat(Enumerable.Repeat("""{"a":""", StrictJson.MaxDepth + 1)) + "1" + new string('}', StrictJson.MaxDepth + 1);

        JsonInputError? error = StrictJson.Validate(Encoding.UTF8.GetBytes(tooDeep));

        error.ShouldNotBeNull();
        error.Kind.ShouldBe(JsonInputErrorKind.DepthExceeded);
        error.Path.ShouldBe("$" + string.Concat(Enumerable.Repeat(".a", StrictJson.MaxDepth)));
    }

    [Fact]
    public void a_document_that_is_far_too_deep_is_refused_without_exhausting_the_stack()
    {
        int depth = 1_000_000;
        byte[] json = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));

        StrictJson.Validate(json)!.Kind.ShouldBe(JsonInputErrorKind.DepthExceeded);
    }
}
