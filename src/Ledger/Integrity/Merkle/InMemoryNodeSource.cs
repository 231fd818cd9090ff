namespace Acgs.Ledger.Integrity.Merkle;

// The node store of tests and of offline verification; not synchronised, like the builder that fills it.
public sealed class InMemoryNodeSource : INodeSource
{
    private readonly Dictionary<NodeId, MerkleHash> nodes = [];

    public int Count => nodes.Count;

    // Nodes are immutable once written: a second, different hash for one node is a forked tree.
    public void Add(MerkleNode node)
    {
        if (nodes.TryGetValue(node.Id, out var stored) && stored != node.Hash)
        {
            throw new InvalidOperationException($"Node {node.Id} is already stored with another hash.");
        }

        nodes[node.Id] = node.Hash;
    }

    public void AddRange(IEnumerable<MerkleNode> newNodes)
    {
        ArgumentNullException.ThrowIfNull(newNodes);
        foreach (var node in newNodes)
        {
            Add(node);
        }
    }

    public ValueTask<IReadOnlyDictionary<NodeId, MerkleHash>> GetNodesAsync(
        IReadOnlyCollection<NodeId> ids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<NodeId, MerkleHash>(ids.Count);
        foreach (var id in ids)
        {
            if (nodes.TryGetValue(id, out var hash))
            {
                found[id] = hash;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<NodeId, MerkleHash>>(found);
    }
}
