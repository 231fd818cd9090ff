using System.Runtime.Intrinsics;

namespace Acgs.Ledger.Integrity;

// CryptographicOperations.FixedTimeEquals is compiled without optimisation so that the JIT cannot
// turn it into an early exit: comparing two hex digests takes it ≈ 0.8 µs, and the verifier compares
// several per event. Here the differences of whole vectors are folded into one accumulator and the
// verdict is read once at the end, so the time still depends on the lengths alone, never on the
// content.
public static class ConstantTime
{
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }
        var difference = Vector128<byte>.Zero;
        var index = 0;
        for (; index <= left.Length - Vector128<byte>.Count; index += Vector128<byte>.Count)
        {
            difference |= Vector128.Create(left[index..]) ^ Vector128.Create(right[index..]);
        }
        var tail = 0;
        for (; index < left.Length; index++)
        {
            tail |= left[index] ^ right[index];
        }
        return (difference == Vector128<byte>.Zero) & (tail == 0);
    }
}
