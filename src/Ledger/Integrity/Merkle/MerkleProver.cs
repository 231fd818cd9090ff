using System.Collections.Immutable;

namespace Acgs.Ledger.Integrity.Merkle;

// Roots and RFC 9162 proofs computed from stored nodes, one INodeSource call each, never by
// rebuilding the tree (DESIGN §4.4).
public static class MerkleProver
{
    public static async ValueTask<MerkleHash> ComputeRootAsync(
        INodeSource source,
        long treeSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (treeSize == 0)
        {
            return MerkleTreeHasher.EmptyRoot;
        }

        var range = new LeafRange(0, treeSize);
        var nodes = await FetchAsync(source, ProofPlanner.NodesOf([range]), treeSize, cancellationToken);
        return HashRange(range, nodes);
    }

    public static async ValueTask<InclusionProof> ProveInclusionAsync(
        INodeSource source,
        long leafIndex,
        long treeSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = ProofPlanner.InclusionPath(leafIndex, treeSize);
        var nodes = await FetchAsync(source, ProofPlanner.NodesOf(path), treeSize, cancellationToken);
        return new InclusionProof(leafIndex, treeSize, [.. path.Select(range => HashRange(range, nodes))]);
    }

    public static async ValueTask<ConsistencyProof> ProveConsistencyAsync(
        INodeSource source,
        long firstSize,
        long secondSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = ProofPlanner.ConsistencyPath(firstSize, secondSize);
        var nodes = await FetchAsync(source, ProofPlanner.NodesOf(path), secondSize, cancellationToken);
        return new ConsistencyProof(firstSize, secondSize, [.. path.Select(range => HashRange(range, nodes))]);
    }

    // A missing node means the store is behind the requested size or damaged: a fault, not a proof result.
    internal static async ValueTask<IReadOnlyDictionary<NodeId, MerkleHash>> FetchAsync(
        INodeSource source,
        IReadOnlyList<NodeId> ids,
        long treeSize,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ImmutableDictionary<NodeId, MerkleHash>.Empty;
        }

        var nodes = await source.GetNodesAsync(ids, cancellationToken);
        foreach (var id in ids)
        {
            if (!nodes.ContainsKey(id))
            {
                throw new InvalidOperationException(
                    $"The node source has no hash for level {id.Level} index {id.Index}, needed for a tree of {treeSize} leaves.");
            }
        }

        return nodes;
    }

    private static MerkleHash HashRange(LeafRange range, IReadOnlyDictionary<NodeId, MerkleHash> nodes)
    {
        var parts = ProofPlanner.NodesOf(range).Select(id => nodes[id]).ToList();
        var hash = parts[^1];
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            hash = MerkleTreeHasher.HashChildren(parts[i], hash);
        }

        return hash;
    }
}
