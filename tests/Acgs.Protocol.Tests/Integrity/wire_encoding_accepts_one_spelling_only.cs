using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Integrity;

public class wire_encoding_accepts_one_spelling_only
{
    [Fact]
    public void padded_standard_base64()
    {
        WireEncoding.TryFromBase64("AAE=", 2, out var bytes).ShouldBeTrue();
        bytes.ShouldBe(new byte[] { 0, 1 });
    }

    [Theory]
    [InlineData("AAH=")]
    [InlineData("AAE")]
    [InlineData("AA E=")]
    [InlineData("AAE=\n")]
    [InlineData("AA-=")]
    [InlineData("AAEC")]
    [InlineData(null)]
    public void and_refuses_other_base64(string? text)
    {
        WireEncoding.TryFromBase64(text, 2, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("00ff", true)]
    [InlineData("00FF", false)]
    [InlineData("00f", false)]
    [InlineData("00fff", false)]
    [InlineData("0x0f", false)]
    public void and_lowercase_hex(string text, bool accepted)
    {
        WireEncoding.IsLowercaseHex(text, 2).ShouldBe(accepted);
    }
}
