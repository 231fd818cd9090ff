using System.Buffers;
using System.Text;
using System.Text.Json;
using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Json;

/// <summary>
/// Elements from a lenient parser can hold what RFC 8785 says must fail; canonicalising them is a
/// caller's bug and throws rather than producing bytes that some other implementation would not.
/// </summary>
public class canonicalization_refuses_what_rfc8785_forbids
{
    private sealed record TaggedSample(int Version, string StreamId, DateTimeOffset RecordedAt);

    [Theory]
    [InlineData("""{"a":1,"b":2,"a":3}""")]
    [InlineData("""{"a":1,"\u0061":1}""")]
    [InlineData("""["\ud800"]""")]
    [InlineData("""{"\udc00":1}""")]
    [InlineData("""[1e400]""")]
    [InlineData("""[-1e400]""")]
    public void canonicalising_an_invalid_element_throws(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);

        Should.Throw<ArgumentException>(() => CanonicalJson.Canonicalize(document.RootElement));
    }

    [Fact]
    public void canonicalising_invalid_utf8_throws()
    {
        using JsonDocument raw = JsonDocument.Parse(new byte[] { (byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']' });
        using JsonDocument escaped = JsonDocument.Parse(new byte[] { (byte)'[', (byte)'"', (byte)'\\', (byte)'n', 0xC3, 0x28, (byte)'"', (byte)']' });

        Should.Throw<ArgumentException>(() => CanonicalJson.Canonicalize(raw.RootElement));
        Should.Throw<ArgumentException>(() => CanonicalJson.Canonicalize(escaped.RootElement));
    }

    [Fact]
    public void canonical_bytes_can_follow_a_domain_tag_in_one_buffer()
    {
        using JsonDocument document = JsonDocument.Parse("""{ "b": 2, "a": [true, null, "x"] }""");
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("acgs:payload:v1\n"u8);

        CanonicalJson.Canonicalize(document.RootElement, buffer);

        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe("acgs:payload:v1\n{\"a\":[true,null,\"x\"],\"b\":2}");
    }

    [Fact]
    public void a_typed_value_can_follow_a_domain_tag_in_one_buffer()
    {
        var sample = new TaggedSample(Version: 2, StreamId: "s", RecordedAt: new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero));
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("acgs:event:v1\n"u8);

        CanonicalJson.Serialize(sample, buffer);

        Encoding.UTF8.GetString(buffer.WrittenSpan)
            .ShouldBe("acgs:event:v1\n{\"recordedAt\":\"2026-01-02T03:04:05.006Z\",\"streamId\":\"s\",\"version\":2}");
        CanonicalJson.Serialize(sample).ShouldBe(buffer.WrittenSpan["acgs:event:v1\n"u8.Length..].ToArray());
    }

    [Fact]
    public void controls_are_escaped_in_lowercase_and_nothing_else_is_escaped()
    {
        using JsonDocument document = JsonDocument.Parse("""["\u001F\u007f\u2028</script>\u00e9\uD83D\uDE00\/\b\f\n\r\t\"\\"]""");

        CanonicalJson.CanonicalizeToString(document.RootElement)
            .ShouldBe("[\"\\u001f\u007f\u2028</script>é😀/\\b\\f\\n\\r\\t\\\"\\\\\"]");
    }

    [Fact]
    public void integers_keep_their_digits_and_negative_zero_becomes_zero()
    {
        using JsonDocument document = JsonDocument.Parse("[0,-0,1,-1,123456789012345,-12345678901234,9007199254740991,-9007199254740991,9007199254740993]");

        CanonicalJson.CanonicalizeToString(document.RootElement)
            .ShouldBe("[0,0,1,-1,123456789012345,-12345678901234,9007199254740991,-9007199254740991,9007199254740992]");
    }
}
