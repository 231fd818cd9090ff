using System.Numerics;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

public sealed class merkle_tree_builder
{
    private static readonly TestTree Tree = TestTree.Of1000;

    [Fact]
    public void its_root_is_the_recursive_merkle_tree_hash_at_every_size()
    {
        int[] sizes = [.. Enumerable.Range(0, 257), 511, 512, 513, 999, 1000];
        foreach (var size in sizes)
        {
            Tree.Roots[size].ToArray().ShouldBe(Rfc9162Reference.Mth(Tree.FirstLeafHashes(size)), $"size {size}");
        }
    }

    [Fact]
    public void each_append_returns_exactly_the_subtrees_it_completes()
    {
        var builder = new MerkleTreeBuilder();
        for (var size = 0; size < 1000; size++)
        {
            var completed = builder.Append(Tree.Leaves[size]);

            var trailingOnes = BitOperations.TrailingZeroCount(~size);
            completed.Select(node => node.Id).ShouldBe(Enumerable.Range(0, trailingOnes + 1).Select(level => new NodeId(level, size >> level)));
            foreach (var node in completed)
            {
                var leaves = Tree.LeafHashes.GetRange((int)node.Id.FirstLeaf, (int)node.Id.LeafCount);
                node.Hash.ToArray().ShouldBe(Rfc9162Reference.Mth(leaves));
            }
        }

        builder.Size.ShouldBe(1000);
    }

    [Fact]
    public void the_stored_nodes_are_every_complete_subtree_and_nothing_else()
    {
        var expected = Enumerable.Range(0, 10).Sum(level => 1000 >> level);

        Tree.Nodes.Count.ShouldBe(expected);
    }

    [Fact]
    public async Task resuming_from_stored_nodes_continues_the_same_tree()
    {
        foreach (var resumeAt in new[] { 0, 1, 2, 3, 7, 8, 100, 511, 512, 999 })
        {
            var builder = await MerkleTreeBuilder.ResumeAsync(Tree.Nodes, resumeAt, CancellationToken.None);
            builder.Size.ShouldBe(resumeAt);
            builder.Root.ShouldBe(Tree.Roots[resumeAt]);

            for (var size = resumeAt; size < Math.Min(resumeAt + 40, 1000); size++)
            {
                var completed = builder.Append(Tree.Leaves[size]);
                var stored = await Tree.Nodes.GetNodesAsync([.. completed.Select(node => node.Id)], CancellationToken.None);

                builder.Root.ShouldBe(Tree.Roots[size + 1]);
                completed.ShouldAllBe(node => stored[node.Id] == node.Hash);
            }
        }
    }

    [Fact]
    public async Task resuming_beyond_the_stored_nodes_fails_loudly()
    {
        await Should.ThrowAsync<InvalidOperationException>(async () => await MerkleTreeBuilder.ResumeAsync(Tree.Nodes, 1001, CancellationToken.None));
    }

    [Fact]
    public void a_node_cannot_be_stored_twice_with_different_hashes()
    {
        var nodes = new InMemoryNodeSource();
        var node = new MerkleNode(new NodeId(0, 0), Tree.LeafHash(0));
        nodes.Add(node);
        nodes.Add(node);

        Should.Throw<InvalidOperationException>(() => nodes.Add(node with { Hash = Tree.LeafHash(1) }));
        nodes.Count.ShouldBe(1);
    }

    [Fact]
    public void a_long_leaf_hashes_like_a_short_one()
    {
        var leaf = Enumerable.Range(0, 1000).Select(value => (byte)value).ToArray();

        MerkleTreeHasher.HashLeaf(leaf).ToArray().ShouldBe(Rfc9162Reference.LeafHash(leaf));
    }

    [Fact]
    public void node_ids_stay_inside_a_tree_of_at_most_2_pow_63_minus_1_leaves()
    {
        new NodeId(NodeId.MaxLevel, 0).LeafCount.ShouldBe(1L << 62);
        new NodeId(0, long.MaxValue - 1).FirstLeaf.ShouldBe(long.MaxValue - 1);
        Should.Throw<ArgumentOutOfRangeException>(() => new NodeId(NodeId.MaxLevel + 1, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new NodeId(NodeId.MaxLevel, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => new NodeId(0, long.MaxValue));
        Should.Throw<ArgumentOutOfRangeException>(() => new NodeId(-1, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => new NodeId(0, -1));
    }
}
