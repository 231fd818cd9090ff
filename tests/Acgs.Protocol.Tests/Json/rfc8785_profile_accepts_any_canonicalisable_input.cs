using System.Text;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

/// <summary>The <c>acgs jcs --rfc8785</c> profile: fractions and exponents allowed, ambiguity still refused.</summary>
public class rfc8785_profile_accepts_any_canonicalisable_input
{
    public static TheoryData<string, string> Canonicalised => new()
    {
        { """[1.0,1e2,-0,0.5,1E30,4.50,2e-3]""", """[1,100,0,0.5,1e+30,4.5,0.002]""" },
        { """[9007199254740993,295147905179352825856]""", """[9007199254740992,295147905179352830000]""" },
        { """["a\u0000b","\uffff"]""", "[\"a\\u0000b\",\"\uffff\"]" },
        { """[1e-400]""", """[0]""" },
    };

    [Theory]
    [MemberData(nameof(Canonicalised))]
    public void input_is_accepted_and_canonicalised(string json, string canonical)
    {
        using StrictJsonResult result = StrictJson.Parse(Encoding.UTF8.GetBytes(json), JsonInputProfile.Rfc8785);

        result.Error.ShouldBeNull();
        CanonicalJson.CanonicalizeToString(result.RootElement).ShouldBe(canonical);
    }

    public static TheoryData<string, JsonInputErrorKind, string> Refusals => new()
    {
        { """{"a":1,"a":1}""", JsonInputErrorKind.DuplicateMember, "$.a" },
        { """{"a":["\ud800"]}""", JsonInputErrorKind.LoneSurrogate, "$.a[0]" },
        { """{"\udfff":0}""", JsonInputErrorKind.LoneSurrogate, @"$['\udfff']" },
        { """[1e400]""", JsonInputErrorKind.NumberOutOfRange, "$[0]" },
        { """{"n":-1E+309}""", JsonInputErrorKind.NumberOutOfRange, "$.n" },
        { """[1,]""", JsonInputErrorKind.Malformed, "$[0]" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void ambiguous_input_is_still_refused(string json, JsonInputErrorKind kind, string path)
    {
        JsonInputError? error = StrictJson.Validate(Encoding.UTF8.GetBytes(json), JsonInputProfile.Rfc8785);

        error.ShouldNotBeNull();
        error.Kind.ShouldBe(kind, error.ToString());
        error.Path.ShouldBe(path, error.ToString());
    }
}
