namespace Acgs.Ledger.Integrity.Merkle;

public readonly record struct MerkleNode(NodeId Id, MerkleHash Hash);
