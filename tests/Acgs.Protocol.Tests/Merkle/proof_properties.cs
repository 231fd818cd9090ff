using System.Numerics;
using Acgs.Ledger.Integrity.Merkle;
using CsCheck;

namespace Acgs.Protocol.Tests.Merkle;

public sealed class proof_properties
{
    private static readonly TestTree Tree = TestTree.Of1000;

    private static readonly Gen<(int Index, int Size)> LeafInTree =
        Gen.Int[1, 1000].SelectMany(size => Gen.Int[0, size - 1].Select(index => (index, size)));

    private static readonly Gen<(int First, int Second)> SizePair =
        Gen.Int[1, 1000].SelectMany(second => Gen.Int[1, second].Select(first => (first, second)));

    [Fact]
    public async Task an_inclusion_proof_is_the_rfc_path_and_verifies()
    {
        await LeafInTree.SampleAsync(async (index, size) =>
        {
            var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, index, size);

            proof.Hashes.Select(hash => hash.ToArray()).ShouldBe(Rfc9162Reference.Path(index, Tree.FirstLeafHashes(size)));
            MerkleVerifier.VerifyInclusion(Tree.LeafHash(index).AsSpan(), proof, Tree.Roots[size].AsSpan()).ShouldBe(ProofResult.Valid);
        });
    }

    [Fact]
    public async Task a_consistency_proof_is_the_rfc_proof_and_verifies()
    {
        await SizePair.SampleAsync(async (first, second) =>
        {
            var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, first, second);

            proof.Hashes.Select(hash => hash.ToArray()).ShouldBe(Rfc9162Reference.Proof(first, Tree.FirstLeafHashes(second)));
            MerkleVerifier.VerifyConsistency(proof, Tree.Roots[first].AsSpan(), Tree.Roots[second].AsSpan()).ShouldBe(ProofResult.Valid);
        });
    }

    [Fact]
    public async Task any_flipped_bit_in_an_inclusion_proof_is_rejected()
    {
        await Gen.Select(LeafInTree, Gen.Int[0, 63], Gen.Int[0, 255]).SampleAsync(async (leaf, element, bit) =>
        {
            var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, leaf.Index, leaf.Size);
            if (proof.Hashes.IsEmpty)
            {
                return;
            }

            var position = element % proof.Hashes.Length;
            var changed = proof with { Hashes = proof.Hashes.SetItem(position, ProofChanges.Flip(proof.Hashes[position], bit)) };

            MerkleVerifier.VerifyInclusion(Tree.LeafHash(leaf.Index).AsSpan(), changed, Tree.Roots[leaf.Size].AsSpan()).ShouldBe(ProofResult.RootMismatch);
        });
    }

    [Fact]
    public async Task any_flipped_bit_in_a_consistency_proof_is_rejected()
    {
        await Gen.Select(SizePair, Gen.Int[0, 63], Gen.Int[0, 255]).SampleAsync(async (sizes, element, bit) =>
        {
            var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, sizes.First, sizes.Second);
            if (proof.Hashes.IsEmpty)
            {
                return;
            }

            var position = element % proof.Hashes.Length;
            var changed = proof with { Hashes = proof.Hashes.SetItem(position, ProofChanges.Flip(proof.Hashes[position], bit)) };

            MerkleVerifier.VerifyConsistency(changed, Tree.Roots[sizes.First].AsSpan(), Tree.Roots[sizes.Second].AsSpan()).ShouldBe(ProofResult.RootMismatch);
        });
    }

    [Fact]
    public void the_builder_root_is_the_recursive_merkle_tree_hash_of_any_leaves()
    {
        Gen.Byte.Array[0, 40].Array[0, 150].Sample(leaves =>
        {
            var builder = new MerkleTreeBuilder();
            foreach (var leaf in leaves)
            {
                builder.Append(leaf);
            }

            builder.Root.ToArray().ShouldBe(Rfc9162Reference.Mth([.. leaves.Select(leaf => Rfc9162Reference.LeafHash(leaf))]));
        });
    }

    // At sizes no test can build: an inclusion proof's nodes are disjoint perfect subtrees inside the
    // tree that together with the leaf cover it, at most two per level.
    [Fact]
    public void an_inclusion_plan_at_any_size_covers_the_tree_but_the_leaf_with_few_nodes()
    {
        Gen.Long[1, long.MaxValue].SelectMany(size => Gen.Long[0, size - 1].Select(index => (index, size))).Sample((index, size) =>
        {
            var nodes = ProofPlanner.InclusionNodes(index, size);

            nodes.Count.ShouldBeLessThanOrEqualTo(2 * BitLength(size));
            nodes.ShouldAllBe(node => node.FirstLeaf + node.LeafCount <= size);
            nodes.ShouldAllBe(node => index < node.FirstLeaf || index >= node.FirstLeaf + node.LeafCount);
            Disjoint(nodes).ShouldBeTrue();
            nodes.Sum(node => (decimal)node.LeafCount).ShouldBe(size - 1);
        });
    }

    // A consistency proof covers the new tree except the old one when the old tree is a perfect subtree
    // (its root, which the verifier holds, is then the proof's implicit first element).
    [Fact]
    public void a_consistency_plan_at_any_size_covers_the_new_tree_with_few_nodes()
    {
        Gen.Long[2, long.MaxValue].SelectMany(second => Gen.Long[1, second - 1].Select(first => (first, second))).Sample((first, second) =>
        {
            var nodes = ProofPlanner.ConsistencyNodes(first, second);
            var implicitOldRoot = BitOperations.IsPow2(first) ? first : 0;

            nodes.Count.ShouldBeLessThanOrEqualTo(2 * BitLength(second));
            nodes.ShouldAllBe(node => node.FirstLeaf + node.LeafCount <= second);
            Disjoint(nodes).ShouldBeTrue();
            nodes.Sum(node => (decimal)node.LeafCount).ShouldBe(second - implicitOldRoot);
        });
    }

    private static int BitLength(long value) => 64 - BitOperations.LeadingZeroCount((ulong)value);

    private static bool Disjoint(IReadOnlyList<NodeId> nodes)
    {
        var ordered = nodes.OrderBy(node => node.FirstLeaf).ToList();
        return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.FirstLeaf + pair.First.LeafCount <= pair.Second.FirstLeaf);
    }
}
