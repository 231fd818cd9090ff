using System.Buffers;
using System.Security.Cryptography;

namespace Acgs.Ledger.Integrity.Merkle;

// RFC 9162 §2.1.1 (the RFC 6962 §2.1 Merkle Tree Hash) with SHA-256:
//   leaf hash  = SHA-256(0x00 ‖ leaf)               32 bytes; in the ledger a leaf is an event hash (32 bytes)
//   node hash  = SHA-256(0x01 ‖ left ‖ right)       32 bytes from two 32-byte children
//   empty tree = SHA-256("")                        e3b0c442…b855
// The distinct prefixes keep a leaf from ever being read as an inner node (second-preimage resistance).
public static class MerkleTreeHasher
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLimit = 256;

    public static MerkleHash EmptyRoot { get; } = new(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    public static MerkleHash HashLeaf(ReadOnlySpan<byte> leaf)
    {
        var length = leaf.Length + 1;
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        var input = (rented is null ? stackalloc byte[StackLimit] : rented)[..length];
        try
        {
            input[0] = LeafPrefix;
            leaf.CopyTo(input[1..]);
            return Digest(input);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static MerkleHash HashChildren(in MerkleHash left, in MerkleHash right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * MerkleHash.Size)];
        input[0] = NodePrefix;
        left.AsSpan().CopyTo(input[1..]);
        right.AsSpan().CopyTo(input[(1 + MerkleHash.Size)..]);
        return Digest(input);
    }

    private static MerkleHash Digest(ReadOnlySpan<byte> input)
    {
        Span<byte> digest = stackalloc byte[MerkleHash.Size];
        Sha256.Hash(input, digest);
        return new MerkleHash(digest);
    }
}
