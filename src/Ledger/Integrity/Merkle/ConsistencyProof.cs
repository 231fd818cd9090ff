using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Acgs.Ledger.Integrity.Merkle;

// RFC 9162 §2.1.4: the tree of FirstSize leaves is a prefix of the tree of SecondSize leaves. Wire form:
// {"firstSize": 3, "secondSize": 8, "hashes": ["<64 hex>", …]}, in PROOF(m, D[n]) order.
public sealed record ConsistencyProof(
    [property: JsonPropertyName("firstSize")] long FirstSize,
    [property: JsonPropertyName("secondSize")] long SecondSize,
    [property: JsonPropertyName("hashes")] ImmutableArray<MerkleHash> Hashes)
{
    public bool Equals(ConsistencyProof? other) =>
        other is not null
        && FirstSize == other.FirstSize
        && SecondSize == other.SecondSize
        && Hashes.IsDefault == other.Hashes.IsDefault
        && Hashes.AsSpan().SequenceEqual(other.Hashes.AsSpan());

    public override int GetHashCode() => HashCode.Combine(FirstSize, SecondSize, Hashes.IsDefault ? 0 : Hashes.Length);
}
