namespace Acgs.Ledger.Integrity.Merkle;

// A perfect subtree: level k, index i covers leaves [i·2^k, (i+1)·2^k); level 0 holds the leaf hashes.
// Only these nodes are ever stored. The ragged right edge of a tree is hashed from them when needed,
// so a node, once written, never changes as the tree grows.
public readonly record struct NodeId
{
    // A tree holds at most long.MaxValue leaves, so no perfect subtree is taller than 2^62 leaves.
    public const int MaxLevel = 62;

    public NodeId(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, MaxLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, long.MaxValue >> level);
        Level = level;
        Index = index;
    }

    public int Level { get; }

    public long Index { get; }

    public long FirstLeaf => Index << Level;

    public long LeafCount => 1L << Level;
}
