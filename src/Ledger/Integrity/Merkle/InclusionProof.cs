using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Acgs.Ledger.Integrity.Merkle;

// RFC 9162 §2.1.3: the leaf at LeafIndex (from 0) is in the tree of TreeSize leaves. Wire form (DESIGN §4.4):
// {"leafIndex": 5, "treeSize": 8, "hashes": ["<64 hex>", …]}, deepest sibling first.
public sealed record InclusionProof(
    [property: JsonPropertyName("leafIndex")] long LeafIndex,
    [property: JsonPropertyName("treeSize")] long TreeSize,
    [property: JsonPropertyName("hashes")] ImmutableArray<MerkleHash> Hashes)
{
    public bool Equals(InclusionProof? other) =>
        other is not null
        && LeafIndex == other.LeafIndex
        && TreeSize == other.TreeSize
        && Hashes.IsDefault == other.Hashes.IsDefault
        && Hashes.AsSpan().SequenceEqual(other.Hashes.AsSpan());

    public override int GetHashCode() => HashCode.Combine(LeafIndex, TreeSize, Hashes.IsDefault ? 0 : Hashes.Length);
}
