using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

public enum SampleStatus
{
    Draft,
    UnderReview,
}

public sealed record SampleClause(string Text, long Weight);

public sealed record SamplePrinciple(
    Guid PrincipleId,
    string Title,
    SampleStatus Status,
    int Version,
    DateTimeOffset ProposedAt,
    IReadOnlyList<SampleClause> Clauses);

/// <summary>DESIGN §4.2: a payload is accepted only if its typed record writes back the bytes that were signed.</summary>
public class typed_payloads_must_survive_the_round_trip
{
    private const string Exact = """
        {"clauses":[{"text":"Be transparent","weight":2}],"principleId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301",
         "proposedAt":"2026-02-28T09:30:00.125Z","status":"underReview","title":"Transparency","version":1}
        """;

    [Fact]
    public void a_payload_in_the_ledger_form_is_read()
    {
        using StrictJsonResult input = Parse(Exact);

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? principle, out JsonInputError? error).ShouldBeTrue(error?.ToString());

        error.ShouldBeNull();
        principle.PrincipleId.ShouldBe(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        principle.Title.ShouldBe("Transparency");
        principle.Status.ShouldBe(SampleStatus.UnderReview);
        principle.Version.ShouldBe(1);
        principle.ProposedAt.ShouldBe(new DateTimeOffset(2026, 2, 28, 9, 30, 0, 125, TimeSpan.Zero));
        principle.Clauses.ShouldHaveSingleItem().ShouldBe(new SampleClause("Be transparent", 2));
        CanonicalJson.Serialize(principle).ShouldBe(CanonicalJson.Canonicalize(input.RootElement));
    }

    [Fact]
    public void member_order_whitespace_and_escapes_do_not_matter()
    {
        const string reordered = """
            { "version" : 1, "title" : "\u0054ransparency", "status" : "underReview",
              "proposedAt" : "2026-02-28T09:30:00.125Z", "principleId" : "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
              "clauses" : [ { "weight" : 2, "text" : "Be transparent" } ] }
            """;
        using StrictJsonResult input = Parse(reordered);

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? principle, out JsonInputError? error).ShouldBeTrue(error?.ToString());

        principle.Title.ShouldBe("Transparency");
    }

    public static TheoryData<string, string, JsonInputErrorKind, string> Refusals => new()
    {
        { "\"status\":\"underReview\"", "\"status\":\"UnderReview\"", JsonInputErrorKind.RoundTripMismatch, "$.status" },
        { "\"status\":\"underReview\"", "\"status\":\"underreview\"", JsonInputErrorKind.RoundTripMismatch, "$.status" },
        { "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301", JsonInputErrorKind.RoundTripMismatch, "$.principleId" },
        { "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", JsonInputErrorKind.TypeMismatch, "$.principleId" },
        { "\"status\":\"underReview\"", "\"status\":1", JsonInputErrorKind.TypeMismatch, "$.status" },
        { "\"status\":\"underReview\"", "\"status\":\"1\"", JsonInputErrorKind.TypeMismatch, "$.status" },
        { "\"status\":\"underReview\"", "\"status\":\"archived\"", JsonInputErrorKind.TypeMismatch, "$.status" },
        { "\"version\":1", "\"version\":\"1\"", JsonInputErrorKind.TypeMismatch, "$.version" },
        { "\"version\":1", "\"version\":4294967296", JsonInputErrorKind.TypeMismatch, "$.version" },
        { "\"title\":\"Transparency\"", "\"title\":null", JsonInputErrorKind.TypeMismatch, "$.title" },
        { "\"title\":\"Transparency\"", "\"title\":[]", JsonInputErrorKind.TypeMismatch, "$.title" },
        { "2026-02-28T09:30:00.125Z", "2026-02-28T09:30:00.125+00:00", JsonInputErrorKind.TypeMismatch, "$.proposedAt" },
        { "2026-02-28T09:30:00.125Z", "2026-02-28T09:30:00.1250000Z", JsonInputErrorKind.TypeMismatch, "$.proposedAt" },
        { "{\"text\":\"Be transparent\",\"weight\":2}", "null", JsonInputErrorKind.TypeMismatch, "$.clauses[0]" },
        { "\"weight\":2", "\"weight\":\"2\"", JsonInputErrorKind.TypeMismatch, "$.clauses[0].weight" },
        { "[{\"text\":\"Be transparent\",\"weight\":2}]", "{\"text\":\"Be transparent\",\"weight\":2}", JsonInputErrorKind.TypeMismatch, "$.clauses" },
        { "\"version\":1", "\"version\":1,\"extra\":true", JsonInputErrorKind.UnknownMember, "$.extra" },
        { "\"version\":1", "\"version\":1,\"Version\":1", JsonInputErrorKind.UnknownMember, "$.Version" },
        { "\"weight\":2", "\"weight\":2,\"note\":\"x\"", JsonInputErrorKind.UnknownMember, "$.clauses[0].note" },
        { "\"title\":\"Transparency\",", string.Empty, JsonInputErrorKind.MissingMember, "$.title" },
        { ",\"weight\":2", string.Empty, JsonInputErrorKind.MissingMember, "$.clauses[0].weight" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void a_payload_that_would_not_write_back_identically_is_refused(string find, string replacement, JsonInputErrorKind kind, string path)
    {
        string json = Exact.Replace(find, replacement, StringComparison.Ordinal);
        json.ShouldNotBe(Exact);
        using StrictJsonResult input = Parse(json);

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? principle, out JsonInputError? error).ShouldBeFalse();

        principle.ShouldBeNull();
        error.ShouldNotBeNull();
        error.Kind.ShouldBe(kind, error.ToString());
        error.Path.ShouldBe(path, error.ToString());
    }

    [Fact]
    public void the_round_trip_error_says_what_the_type_writes_instead()
    {
        using StrictJsonResult input = Parse(Exact.Replace("underReview", "UnderReview", StringComparison.Ordinal));

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? _, out JsonInputError? error).ShouldBeFalse();

        error!.Message.ShouldContain("\"UnderReview\" is written back as \"underReview\"");
    }

    public static TheoryData<string, string, string> Explanations => new()
    {
        { "\"underReview\"", "\"archived\"", "expected one of \"draft\", \"underReview\"" },
        { "\"version\":1", "\"version\":-2147483649", "expected an integer from -2147483648 to 2147483647" },
        { "\"weight\":2", "\"weight\":true", "expected an integer from -9007199254740991 to 9007199254740991" },
        { "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "not-a-uuid", "expected a UUID" },
        { "2026-02-28T09:30:00.125Z", "2026-02-28T09:30:00Z", "expected a timestamp written yyyy-MM-ddTHH:mm:ss.fffZ" },
        { "\"title\":\"Transparency\"", "\"title\":7", "expected a string" },
        { "\"title\":\"Transparency\"", "\"title\":null", "null is not accepted" },
        { "[{\"text\":\"Be transparent\",\"weight\":2}]", "\"none\"", "expected an array" },
    };

    [Theory]
    [MemberData(nameof(Explanations))]
    public void a_type_mismatch_says_what_the_member_expects(string find, string replacement, string explanation)
    {
        using StrictJsonResult input = Parse(Exact.Replace(find, replacement, StringComparison.Ordinal));

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? _, out JsonInputError? error).ShouldBeFalse();

        error!.Kind.ShouldBe(JsonInputErrorKind.TypeMismatch);
        error.Message.ShouldContain(explanation);
    }

    [Fact]
    public void a_null_payload_is_refused()
    {
        using StrictJsonResult input = Parse("null");

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? _, out JsonInputError? error).ShouldBeFalse();

        error!.Kind.ShouldBe(JsonInputErrorKind.TypeMismatch);
    }

    [Fact]
    public void a_payload_of_the_wrong_shape_is_refused()
    {
        using StrictJsonResult input = Parse("[1,2]");

        LedgerJson.TryDeserializeExact(input.RootElement, out SamplePrinciple? _, out JsonInputError? error).ShouldBeFalse();

        error!.Kind.ShouldBe(JsonInputErrorKind.TypeMismatch);
        error.Path.ShouldBe("$");
        error.Message.ShouldBe("expected an object");
    }

    private static StrictJsonResult Parse(string json)
    {
        StrictJsonResult result = StrictJson.Parse(Encoding.UTF8.GetBytes(json));
        result.Error.ShouldBeNull();
        return result;
    }
}
