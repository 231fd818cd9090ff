using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Acgs.Ledger.Integrity.Merkle;

// A node of an RFC 9162 §2.1 tree hashed with SHA-256: exactly 32 bytes, lowercase hex on the wire
// (DESIGN §4.1). Held inline so that every value, including default (32 zero bytes), is well formed.
[JsonConverter(typeof(MerkleHashJsonConverter))]
public readonly struct MerkleHash : IEquatable<MerkleHash>
{
    public const int Size = 32;

    private readonly Bytes32 bytes;

    public MerkleHash(ReadOnlySpan<byte> value)
    {
        if (value.Length != Size)
        {
            throw new ArgumentException($"A Merkle tree hash is {Size} bytes, not {value.Length}.", nameof(value));
        }

        value.CopyTo(bytes);
    }

    public static bool TryCreate(ReadOnlySpan<byte> value, out MerkleHash hash)
    {
        hash = value.Length == Size ? new MerkleHash(value) : default;
        return value.Length == Size;
    }

    // Only the canonical lowercase form is accepted, so one hash has one spelling in signed documents.
    public static bool TryParseHex(ReadOnlySpan<char> hex, out MerkleHash hash)
    {
        hash = default;
        if (hex.Length != 2 * Size || hex.ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        Span<byte> value = stackalloc byte[Size];
        Convert.FromHexString(hex, value, out _, out _);
        hash = new MerkleHash(value);
        return true;
    }

    public static MerkleHash ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return TryParseHex(hex, out var hash)
            ? hash
            : throw new FormatException($"A Merkle tree hash is {2 * Size} lowercase hexadecimal characters.");
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> AsSpan() => bytes;

    public byte[] ToArray() => AsSpan().ToArray();

    public string ToHex() => Convert.ToHexStringLower(AsSpan());

    public override string ToString() => ToHex();

    public bool Equals(MerkleHash other) => ConstantTime.AreEqual(bytes, other.bytes);

    public override bool Equals(object? obj) => obj is MerkleHash other && Equals(other);

    public override int GetHashCode()
    {
        var hashCode = new HashCode();
        hashCode.AddBytes(AsSpan());
        return hashCode.ToHashCode();
    }

    public static bool operator ==(MerkleHash left, MerkleHash right) => left.Equals(right);

    public static bool operator !=(MerkleHash left, MerkleHash right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct Bytes32
    {
        private byte first;
    }
}
