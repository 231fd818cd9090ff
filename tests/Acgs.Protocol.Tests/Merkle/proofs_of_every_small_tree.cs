using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

public sealed class proofs_of_every_small_tree
{
    private const int MaxSize = 64;
    private static readonly TestTree Tree = TestTree.Of1000;
    private static readonly int[] EveryBit = [.. Enumerable.Range(0, 8 * MerkleHash.Size)];

    // All 256 bits of every hash of every proof up to 64 leaves would be millions of verifications on a
    // shared machine: every bit for the trees up to 8 leaves (the published vectors' tree), and beyond
    // that one bit in each 32-bit word of a hash, at a varying position.
    private static readonly int[] OneBitPerWord = [0, 36, 73, 110, 147, 184, 221, 255];

    [Fact]
    public async Task every_leaf_of_every_tree_up_to_64_leaves_has_the_rfc_path_and_verifies()
    {
        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, index, size);

                proof.Hashes.Select(hash => hash.ToArray()).ShouldBe(Rfc9162Reference.Path(index, Tree.FirstLeafHashes(size)));
                MerkleVerifier.VerifyInclusion(Tree.LeafHash(index).AsSpan(), proof, Tree.Roots[size].AsSpan()).ShouldBe(ProofResult.Valid);
            }
        }
    }

    [Fact]
    public async Task every_consistency_pair_up_to_64_leaves_has_the_rfc_proof_and_verifies()
    {
        for (var second = 1; second <= MaxSize; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, first, second);

                proof.Hashes.Select(hash => hash.ToArray()).ShouldBe(Rfc9162Reference.Proof(first, Tree.FirstLeafHashes(second)));
                MerkleVerifier.VerifyConsistency(proof, Tree.Roots[first].AsSpan(), Tree.Roots[second].AsSpan()).ShouldBe(ProofResult.Valid);
            }
        }
    }

    [Fact]
    public async Task random_leaves_of_a_1000_leaf_tree_verify()
    {
        var random = new Random(20250101);
        for (var sample = 0; sample < 200; sample++)
        {
            var index = random.Next(1000);
            var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, index, 1000);

            proof.Hashes.Length.ShouldBeLessThanOrEqualTo(10);
            MerkleVerifier.VerifyInclusion(Tree.LeafHash(index).AsSpan(), proof, Tree.Roots[1000].AsSpan()).ShouldBe(ProofResult.Valid);
        }
    }

    [Fact]
    public async Task every_single_element_change_of_an_inclusion_proof_is_rejected()
    {
        var accepted = new List<string>();
        var changes = 0;
        for (var size = 1; size <= MaxSize; size++)
        {
            for (var index = 0; index < size; index++)
            {
                var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, index, size);
                foreach (var (change, changed, leaf, root) in ProofChanges.Of(proof, Tree, size <= 8 ? EveryBit : OneBitPerWord))
                {
                    changes++;
                    if (MerkleVerifier.VerifyInclusion(leaf.AsSpan(), changed, root.AsSpan()) == ProofResult.Valid)
                    {
                        accepted.Add($"leaf {index} of {size}: {change}");
                    }
                }
            }
        }

        accepted.ShouldBeEmpty();
        changes.ShouldBeGreaterThan(150_000);
    }

    [Fact]
    public async Task every_single_element_change_of_a_consistency_proof_is_rejected()
    {
        var accepted = new List<string>();
        var changes = 0;
        for (var second = 1; second <= MaxSize; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, first, second);
                foreach (var (change, changed, firstRoot, secondRoot) in ProofChanges.Of(proof, Tree, second <= 8 ? EveryBit : OneBitPerWord))
                {
                    changes++;
                    if (MerkleVerifier.VerifyConsistency(changed, firstRoot.AsSpan(), secondRoot.AsSpan()) == ProofResult.Valid)
                    {
                        accepted.Add($"{first} to {second}: {change}");
                    }
                }
            }
        }

        accepted.ShouldBeEmpty();
        changes.ShouldBeGreaterThan(150_000);
    }

    // RFC 9162 binds the size only through the path's shape: leaf 0's path in 3 leaves, [leaf 1, leaf 2],
    // has the shape of its path in 4 leaves and rebuilds the 3-leaf root. A verifier must take the root
    // for the proof's own tree size (a checkpoint of that size), never a root it holds for another size.
    [Fact]
    public async Task a_proof_is_bound_to_its_tree_size_by_the_root_it_is_checked_against()
    {
        var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, 0, 3);
        var claimingFour = proof with { TreeSize = 4 };

        MerkleVerifier.VerifyInclusion(Tree.LeafHash(0).AsSpan(), claimingFour, Tree.Roots[3].AsSpan()).ShouldBe(ProofResult.Valid);
        MerkleVerifier.VerifyInclusion(Tree.LeafHash(0).AsSpan(), claimingFour, Tree.Roots[4].AsSpan()).ShouldBe(ProofResult.RootMismatch);
    }
}
