using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

public sealed class merkle_prover
{
    private static readonly TestTree Tree = TestTree.Of1000;

    [Fact]
    public async Task a_root_or_proof_costs_one_query_of_at_most_two_nodes_per_level()
    {
        var random = new Random(7);
        for (var sample = 0; sample < 300; sample++)
        {
            var size = random.Next(1, 1001);
            var index = random.Next(size);
            var first = random.Next(1, size + 1);
            var maxNodes = 2 * (64 - long.LeadingZeroCount(size));

            var counting = new CountingNodeSource(Tree.Nodes);
            (await MerkleProver.ComputeRootAsync(counting, size)).ShouldBe(Tree.Roots[size]);
            await MerkleProver.ProveInclusionAsync(counting, index, size);
            await MerkleProver.ProveConsistencyAsync(counting, first, size);

            counting.Requests.Count.ShouldBeLessThanOrEqualTo(3);
            counting.Requests.ShouldAllBe(request => request <= maxNodes);
        }
    }

    [Fact]
    public async Task every_root_up_to_1000_leaves_is_computed_from_stored_nodes()
    {
        for (var size = 0; size <= 1000; size++)
        {
            (await MerkleProver.ComputeRootAsync(Tree.Nodes, size)).ShouldBe(Tree.Roots[size]);
        }
    }

    [Fact]
    public async Task proving_beyond_the_stored_tree_fails_loudly()
    {
        await Should.ThrowAsync<InvalidOperationException>(async () => await MerkleProver.ProveInclusionAsync(Tree.Nodes, 5, 1001));
        await Should.ThrowAsync<InvalidOperationException>(async () => await MerkleProver.ProveConsistencyAsync(Tree.Nodes, 5, 1024));
        await Should.ThrowAsync<InvalidOperationException>(async () => await MerkleProver.ComputeRootAsync(Tree.Nodes, 1001));
    }

    [Fact]
    public async Task a_proof_that_describes_nothing_is_a_programming_error()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await MerkleProver.ProveInclusionAsync(Tree.Nodes, 8, 8));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await MerkleProver.ProveInclusionAsync(Tree.Nodes, -1, 8));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await MerkleProver.ProveConsistencyAsync(Tree.Nodes, 0, 8));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await MerkleProver.ProveConsistencyAsync(Tree.Nodes, 9, 8));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await MerkleProver.ComputeRootAsync(Tree.Nodes, -1));
    }

    [Fact]
    public async Task equal_sizes_are_consistent_with_an_empty_proof()
    {
        var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, 8, 8);

        proof.Hashes.ShouldBeEmpty();
        MerkleVerifier.VerifyConsistency(proof, Tree.Roots[8].AsSpan(), Tree.Roots[8].AsSpan()).ShouldBe(ProofResult.Valid);
    }

    private sealed class CountingNodeSource(INodeSource inner) : INodeSource
    {
        public List<int> Requests { get; } = [];

        public ValueTask<IReadOnlyDictionary<NodeId, MerkleHash>> GetNodesAsync(IReadOnlyCollection<NodeId> ids, CancellationToken cancellationToken)
        {
            Requests.Add(ids.Count);
            return inner.GetNodesAsync(ids, cancellationToken);
        }
    }
}
