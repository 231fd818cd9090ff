using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Runtime.InteropServices;

namespace Acgs.Ledger.Integrity;

// SHA-256 digests as the ledger writes them in JSON (DESIGN §4.1): 64 lowercase hex characters.
public static class Sha256Hex
{
    public const int Length = SHA256.HashSizeInBytes * 2;

    public static string Of(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256.Hash(data, digest);
        return WireEncoding.ToHex(digest);
    }

    public static bool IsWellFormed([NotNullWhen(true)] string? hash) => WireEncoding.IsLowercaseHex(hash, SHA256.HashSizeInBytes);

    // Constant time in the content, so a stored hash cannot be learnt by timing comparisons with it.
    public static bool AreEqual(string? expected, string? actual) =>
        IsWellFormed(expected) && IsWellFormed(actual)
        && ConstantTime.AreEqual(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(actual.AsSpan()));
}
