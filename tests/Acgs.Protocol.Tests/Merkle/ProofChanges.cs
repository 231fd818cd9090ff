using System.Security.Cryptography;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

// Every single-element change of a proof. A changed size is checked against the root of the size it
// claims, as a verifier that looks the root up by size does; with the old root kept, see
// a_proof_is_bound_to_its_tree_size_by_the_root_it_is_checked_against.
internal static class ProofChanges
{
    private static readonly MerkleHash Extra = new(SHA256.HashData("not in the tree"u8));

    public static IEnumerable<(string Change, InclusionProof Proof, MerkleHash Leaf, MerkleHash Root)> Of(
        InclusionProof proof,
        TestTree tree,
        IReadOnlyList<int> bits)
    {
        var leaf = tree.LeafHash(proof.LeafIndex);
        var root = tree.Roots[(int)proof.TreeSize];
        for (var i = 0; i < proof.Hashes.Length; i++)
        {
            foreach (var bit in bits)
            {
                yield return ($"bit {bit} of hash {i}", proof with { Hashes = proof.Hashes.SetItem(i, Flip(proof.Hashes[i], bit)) }, leaf, root);
            }

            yield return ($"without hash {i}", proof with { Hashes = proof.Hashes.RemoveAt(i) }, leaf, root);
        }

        for (var i = 0; i <= proof.Hashes.Length; i++)
        {
            yield return ($"extra hash at {i}", proof with { Hashes = proof.Hashes.Insert(i, Extra) }, leaf, root);
        }

        foreach (var bit in bits)
        {
            yield return ($"bit {bit} of the leaf hash", proof, Flip(leaf, bit), root);
            yield return ($"bit {bit} of the root", proof, leaf, Flip(root, bit));
        }

        yield return ("index + 1", proof with { LeafIndex = proof.LeafIndex + 1 }, leaf, root);
        yield return ("index - 1", proof with { LeafIndex = proof.LeafIndex - 1 }, leaf, root);
        yield return ("size + 1", proof with { TreeSize = proof.TreeSize + 1 }, leaf, tree.Roots[(int)proof.TreeSize + 1]);
        yield return ("size - 1", proof with { TreeSize = proof.TreeSize - 1 }, leaf, tree.Roots[(int)proof.TreeSize - 1]);
    }

    public static IEnumerable<(string Change, ConsistencyProof Proof, MerkleHash FirstRoot, MerkleHash SecondRoot)> Of(
        ConsistencyProof proof,
        TestTree tree,
        IReadOnlyList<int> bits)
    {
        var first = (int)proof.FirstSize;
        var second = (int)proof.SecondSize;
        var firstRoot = tree.Roots[first];
        var secondRoot = tree.Roots[second];
        for (var i = 0; i < proof.Hashes.Length; i++)
        {
            foreach (var bit in bits)
            {
                yield return ($"bit {bit} of hash {i}", proof with { Hashes = proof.Hashes.SetItem(i, Flip(proof.Hashes[i], bit)) }, firstRoot, secondRoot);
            }

            yield return ($"without hash {i}", proof with { Hashes = proof.Hashes.RemoveAt(i) }, firstRoot, secondRoot);
        }

        for (var i = 0; i <= proof.Hashes.Length; i++)
        {
            yield return ($"extra hash at {i}", proof with { Hashes = proof.Hashes.Insert(i, Extra) }, firstRoot, secondRoot);
        }

        foreach (var bit in bits)
        {
            yield return ($"bit {bit} of the first root", proof, Flip(firstRoot, bit), secondRoot);
            yield return ($"bit {bit} of the second root", proof, firstRoot, Flip(secondRoot, bit));
        }

        yield return ("first size + 1", proof with { FirstSize = first + 1 }, tree.Roots[first + 1], secondRoot);
        yield return ("first size - 1", proof with { FirstSize = first - 1 }, tree.Roots[first - 1], secondRoot);
        yield return ("second size + 1", proof with { SecondSize = second + 1 }, firstRoot, tree.Roots[second + 1]);
        yield return ("second size - 1", proof with { SecondSize = second - 1 }, firstRoot, tree.Roots[second - 1]);
    }

    public static MerkleHash Flip(MerkleHash hash, int bit)
    {
        var bytes = hash.ToArray();
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return new MerkleHash(bytes);
    }
}
