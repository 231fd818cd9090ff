using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Documents;

public class seal_header_is_read_only_in_canonical_form
{
    private static readonly string Canonical = Example.Seal().ToHeaderText();

    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void and_reads_back_what_was_written()
    {
        EventSeal.TryParse(Canonical, out var seal, out var problem).ShouldBeTrue(problem);

        seal.ShouldBe(Example.Seal());
        seal.HashMatches().ShouldBeTrue();
    }

    private static string HashMovedToTheEnd()
    {
        var hashMember = $"\"hash\":\"{Example.Seal().Hash}\"";
        return Replace(Canonical, hashMember + ",", "")[..^1] + "," + hashMember + "}";
    }

    public static TheoryData<string, string, string> NonCanonical => new()
    {
        { "white space", Replace(Canonical, ",\"ledgerId\"", ", \"ledgerId\""), "canonical form" },
        { "members out of order", HashMovedToTheEnd(), "canonical form" },
        { "uppercase UUID", Replace(Canonical, "3f2c9a4e-7b1d", "3F2C9A4E-7B1D"), "$.ledgerId" },
        { "timestamp with an offset", Replace(Canonical, "09:30:00.456Z", "09:30:00.456+00:00"), "$.recordedAt" },
        { "timestamp without milliseconds", Replace(Canonical, "09:30:00.456Z", "09:30:00Z"), "$.recordedAt" },
        { "escaped character", Replace(Canonical, "\"AmendmentProposed\"", "\"\\u0041mendmentProposed\""), "canonical form" },
        { "unknown member", Replace(Canonical, "{\"actorVersion\"", "{\"actor\":1,\"actorVersion\""), "$.actor:" },
        { "duplicate member", Replace(Canonical, "{\"actorVersion\":2", "{\"actorVersion\":2,\"actorVersion\":2"), "more than once" },
        { "missing member", Replace(Canonical, "\"actorVersion\":2,", ""), "$.actorVersion" },
        { "missing nested member", Replace(Canonical, "\"type\":\"AmendmentProposed\"", "\"typo\":\"AmendmentProposed\""), "$.submission.typo" },
        { "null member", Replace(Canonical, "\"type\":\"AmendmentProposed\"", "\"type\":null"), "$.submission.type" },
        { "negative zero", Replace(Canonical, "\"expectedVersion\":0", "\"expectedVersion\":-0"), "-0" },
        { "fraction", Replace(Canonical, "\"actorVersion\":2", "\"actorVersion\":2.0"), "$.actorVersion" },
        { "exponent", Replace(Canonical, "\"actorVersion\":2", "\"actorVersion\":2e0"), "$.actorVersion" },
        { "uppercase hash", Replace(Canonical, "\"prev\":\"5e0254", "\"prev\":\"5E0254"), "encoding" },
        { "version 0", Replace(Canonical, "\"version\":1}", "\"version\":0}"), "version" },
        { "trailing line feed", Canonical + "\n", "canonical form" },
        { "not an object", "[]", "`hash`" },
        { "not JSON", "seal", "not ledger JSON" },
        { "empty", "", "empty" },
    };

    [Theory]
    [MemberData(nameof(NonCanonical))]
    public void and_refuses(string change, string headerText, string naming)
    {
        EventSeal.TryParse(headerText, out var seal, out var problem).ShouldBeFalse(change);

        seal.ShouldBeNull();
        problem.ShouldContain(naming, Case.Sensitive, change);
    }

    [Fact]
    public void while_a_wrong_hash_parses_and_is_reported_by_hash_matches()
    {
        var tampered = Replace(Canonical, "\"recordedAt\":\"2025-06-01T09:30:00.456Z\"", "\"recordedAt\":\"2025-06-01T09:30:00.457Z\"");

        EventSeal.TryParse(tampered, out var seal, out var problem).ShouldBeTrue(problem);

        seal.HashMatches().ShouldBeFalse();
    }
}
