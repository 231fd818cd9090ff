using System.Collections.Immutable;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

public sealed class verification_results_name_the_failure
{
    private static readonly TestTree Tree = TestTree.Of1000;

    [Fact]
    public async Task inclusion()
    {
        var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, 5, 8);
        var leaf = Tree.LeafHash(5).ToArray();
        var root = Tree.Roots[8].ToArray();

        Verify(leaf, proof, root).ShouldBe(ProofResult.Valid);
        Verify(leaf[..31], proof, root).ShouldBe(ProofResult.Malformed);
        Verify(leaf, proof, [.. root, 0]).ShouldBe(ProofResult.Malformed);
        Verify(leaf, proof with { Hashes = default }, root).ShouldBe(ProofResult.Malformed);
        Verify(leaf, proof with { LeafIndex = 8 }, root).ShouldBe(ProofResult.OutOfRange);
        Verify(leaf, proof with { LeafIndex = -1 }, root).ShouldBe(ProofResult.OutOfRange);
        Verify(leaf, proof with { TreeSize = -8 }, root).ShouldBe(ProofResult.OutOfRange);
        Verify(leaf, proof with { Hashes = proof.Hashes.Add(proof.Hashes[0]) }, root).ShouldBe(ProofResult.WrongLength);
        Verify(leaf, proof with { Hashes = proof.Hashes.RemoveAt(2) }, root).ShouldBe(ProofResult.WrongLength);
        Verify(leaf, proof, Tree.Roots[7].ToArray()).ShouldBe(ProofResult.RootMismatch);
    }

    [Fact]
    public async Task consistency()
    {
        var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, 3, 8);
        var first = Tree.Roots[3].ToArray();
        var second = Tree.Roots[8].ToArray();

        Verify(proof, first, second).ShouldBe(ProofResult.Valid);
        Verify(proof, first[..31], second).ShouldBe(ProofResult.Malformed);
        Verify(proof, first, []).ShouldBe(ProofResult.Malformed);
        Verify(proof with { Hashes = default }, first, second).ShouldBe(ProofResult.Malformed);
        Verify(proof with { FirstSize = 0 }, first, second).ShouldBe(ProofResult.OutOfRange);
        Verify(proof with { FirstSize = 9 }, first, second).ShouldBe(ProofResult.OutOfRange);
        Verify(proof with { SecondSize = long.MinValue }, first, second).ShouldBe(ProofResult.OutOfRange);
        Verify(proof with { Hashes = [] }, first, second).ShouldBe(ProofResult.WrongLength);
        Verify(proof with { Hashes = proof.Hashes.Add(proof.Hashes[0]) }, first, second).ShouldBe(ProofResult.WrongLength);
        Verify(proof with { SecondSize = 3 }, first, first).ShouldBe(ProofResult.WrongLength);
        Verify(new ConsistencyProof(3, 3, ImmutableArray<MerkleHash>.Empty), first, second).ShouldBe(ProofResult.RootMismatch);
        Verify(proof, second, second).ShouldBe(ProofResult.RootMismatch);
    }

    [Fact]
    public void a_proof_from_the_empty_tree_is_refused_because_it_proves_nothing()
    {
        var empty = MerkleTreeHasher.EmptyRoot.ToArray();

        Verify(new ConsistencyProof(0, 0, []), empty, empty).ShouldBe(ProofResult.OutOfRange);
        Verify(new ConsistencyProof(0, 1, []), empty, Tree.Roots[1].ToArray()).ShouldBe(ProofResult.OutOfRange);
    }

    private static ProofResult Verify(byte[] leaf, InclusionProof proof, byte[] root) => MerkleVerifier.VerifyInclusion(leaf, proof, root);

    private static ProofResult Verify(ConsistencyProof proof, byte[] first, byte[] second) => MerkleVerifier.VerifyConsistency(proof, first, second);
}
