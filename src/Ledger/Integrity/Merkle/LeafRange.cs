namespace Acgs.Ledger.Integrity.Merkle;

// The leaves [Start, Start + Count) whose RFC 9162 Merkle Tree Hash is one element of a proof.
internal readonly record struct LeafRange(long Start, long Count);
