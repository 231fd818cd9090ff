using Acgs.Ledger.Integrity;

namespace Acgs.Protocol.Tests.Integrity;

public class constant_time_equality_sees_every_byte
{
    // Lengths below, at and around the vector width, and the 128 bytes of a hex digest's UTF-16.
    public static TheoryData<int> Lengths => [0, 1, 15, 16, 17, 31, 32, 33, 64, 128, 129];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void equal_bytes_are_equal(int length)
    {
        var bytes = Bytes(length);
        ConstantTime.AreEqual(bytes, bytes.ToArray()).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void and_one_flipped_bit_anywhere_is_not(int length)
    {
        var bytes = Bytes(length);
        for (var index = 0; index < length; index++)
        {
            foreach (var bit in new[] { 0x01, 0x80 })
            {
                var other = bytes.ToArray();
                other[index] ^= (byte)bit;
                ConstantTime.AreEqual(bytes, other).ShouldBeFalse($"byte {index}, bit {bit:x2}");
            }
        }
    }

    [Fact]
    public void nor_is_a_prefix()
    {
        var bytes = Bytes(33);
        ConstantTime.AreEqual(bytes, bytes.AsSpan(0, 32)).ShouldBeFalse();
        ConstantTime.AreEqual(bytes.AsSpan(0, 32), bytes).ShouldBeFalse();
    }

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(index => (byte)(index * 37 + 11))];
}
