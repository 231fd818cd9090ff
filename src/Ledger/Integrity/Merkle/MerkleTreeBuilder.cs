namespace Acgs.Ledger.Integrity.Merkle;

// An append-only RFC 9162 tree held as its frontier: the perfect subtrees of the binary decomposition
// of its size, largest first. Memory is O(log n); an append completes one leaf node plus one parent for
// each trailing one bit of the old size (two nodes per leaf on average, O(log n) at worst), and returns
// exactly those nodes — what the sealer persists.
public sealed class MerkleTreeBuilder
{
    private readonly List<MerkleNode> frontier = [];

    public long Size { get; private set; }

    public MerkleHash Root
    {
        get
        {
            if (frontier.Count == 0)
            {
                return MerkleTreeHasher.EmptyRoot;
            }

            // RFC 9162 splits at the largest power of two below n, so the ragged right edge folds from the right.
            var root = frontier[^1].Hash;
            for (var i = frontier.Count - 2; i >= 0; i--)
            {
                root = MerkleTreeHasher.HashChildren(frontier[i].Hash, root);
            }

            return root;
        }
    }

    // Continues a stored tree from its frontier nodes (ProofPlanner.RootNodes) in one fetch.
    public static async ValueTask<MerkleTreeBuilder> ResumeAsync(
        INodeSource source,
        long treeSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var ids = ProofPlanner.RootNodes(treeSize);
        var hashes = await MerkleProver.FetchAsync(source, ids, treeSize, cancellationToken);
        var builder = new MerkleTreeBuilder { Size = treeSize };
        foreach (var id in ids)
        {
            builder.frontier.Add(new MerkleNode(id, hashes[id]));
        }

        return builder;
    }

    public IReadOnlyList<MerkleNode> Append(ReadOnlySpan<byte> leaf)
    {
        var node = new MerkleNode(new NodeId(0, Size), MerkleTreeHasher.HashLeaf(leaf));
        var completed = new List<MerkleNode> { node };
        frontier.Add(node);
        while (frontier.Count >= 2 && frontier[^1].Id.Level == frontier[^2].Id.Level)
        {
            var right = frontier[^1];
            var left = frontier[^2];
            frontier.RemoveRange(frontier.Count - 2, 2);
            var parent = new MerkleNode(
                new NodeId(right.Id.Level + 1, right.Id.Index / 2),
                MerkleTreeHasher.HashChildren(left.Hash, right.Hash));
            frontier.Add(parent);
            completed.Add(parent);
        }

        Size++;
        return completed;
    }
}
