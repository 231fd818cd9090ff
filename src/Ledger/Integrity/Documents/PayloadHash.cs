using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Acgs.Ledger.Integrity;

// DESIGN §4.2: payloadHash = SHA-256("acgs:payload:v1\n" || JCS(payload)), lowercase hex.
// The tag and the canonical bytes are written once into a pooled buffer and hashed there: no
// intermediate array, no hex string on the checking side.
public static class PayloadHash
{
    // A typical payload is about 1 KiB canonical; larger ones grow the pooled buffer.
    private const int InitialCapacity = 2048;

    public static byte[] HashInput(JsonElement payload)
    {
        using var buffer = new PooledByteBufferWriter(InitialCapacity);
        WriteHashInput(payload, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static string Compute(JsonElement payload)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeDigest(payload, digest);
        return WireEncoding.ToHex(digest);
    }

    // Constant time in the content, as Sha256Hex.AreEqual: the lowercase hex of the digest is
    // compared with the claimed text in one fixed-time comparison.
    public static bool Matches(JsonElement payload, string? payloadHash)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeDigest(payload, digest);
        if (!Sha256Hex.IsWellFormed(payloadHash))
        {
            return false;
        }

        Span<char> hex = stackalloc char[Sha256Hex.Length];
        Convert.TryToHexStringLower(digest, hex, out _);
        return ConstantTime.AreEqual(MemoryMarshal.AsBytes(hex), MemoryMarshal.AsBytes(payloadHash.AsSpan()));
    }

    private static void ComputeDigest(JsonElement payload, Span<byte> digest)
    {
        using var buffer = new PooledByteBufferWriter(InitialCapacity);
        WriteHashInput(payload, buffer);
        Sha256.Hash(buffer.WrittenSpan, digest);
    }

    private static void WriteHashInput(JsonElement payload, PooledByteBufferWriter buffer)
    {
        DomainTags.Payload.CopyTo(buffer.GetSpan(DomainTags.Payload.Length));
        buffer.Advance(DomainTags.Payload.Length);
        CanonicalJson.Canonicalize(payload, buffer);
    }
}
