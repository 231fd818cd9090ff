namespace Acgs.Ledger.Integrity.Merkle;

// Where stored perfect-subtree hashes come from (the database for the sealer and the API, memory for
// tests and offline verification). Proofs ask for every node they need at once: one round trip each.
public interface INodeSource
{
    // Returns the hashes of the requested nodes that exist; a node the source does not hold is left out.
    ValueTask<IReadOnlyDictionary<NodeId, MerkleHash>> GetNodesAsync(
        IReadOnlyCollection<NodeId> ids,
        CancellationToken cancellationToken);
}
