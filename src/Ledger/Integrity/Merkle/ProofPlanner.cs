using System.Numerics;

namespace Acgs.Ledger.Integrity.Merkle;

// Lists the stored perfect-subtree nodes a root or a proof is computed from, so that the node store can
// fetch them in one query. Each proof element is the hash of a leaf range from the RFC 9162 §2.1.3.1
// PATH or §2.1.4.1 PROOF recursion. Every such range starts on a multiple of its largest power-of-two
// part, so it splits exactly into perfect subtrees along the binary digits of its length: at most one
// element of a proof is such a ragged range, and a proof needs O(log n) nodes.
public static class ProofPlanner
{
    public static IReadOnlyList<NodeId> RootNodes(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return NodesOf([new LeafRange(0, treeSize)]);
    }

    public static IReadOnlyList<NodeId> InclusionNodes(long leafIndex, long treeSize) =>
        NodesOf(InclusionPath(leafIndex, treeSize));

    public static IReadOnlyList<NodeId> ConsistencyNodes(long firstSize, long secondSize) =>
        NodesOf(ConsistencyPath(firstSize, secondSize));

    // RFC 9162 §2.1.3.1 PATH(m, D[n]), deepest sibling first.
    internal static List<LeafRange> InclusionPath(long leafIndex, long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        var path = new List<LeafRange>();
        AddPath(leafIndex, 0, treeSize, path);
        return path;
    }

    // RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true); empty when the sizes are equal.
    internal static List<LeafRange> ConsistencyPath(long firstSize, long secondSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstSize, secondSize);
        var path = new List<LeafRange>();
        AddSubproof(firstSize, 0, secondSize, startsAtOldRoot: true, path);
        return path;
    }

    // The perfect subtrees of a range, left to right; its hash folds them from the right.
    internal static IEnumerable<NodeId> NodesOf(LeafRange range)
    {
        var position = range.Start;
        for (var level = NodeId.MaxLevel; level >= 0; level--)
        {
            if (((range.Count >> level) & 1) == 1)
            {
                yield return new NodeId(level, position >> level);
                position += 1L << level;
            }
        }
    }

    internal static List<NodeId> NodesOf(IEnumerable<LeafRange> ranges) => [.. ranges.SelectMany(NodesOf)];

    private static void AddPath(long leafIndex, long start, long count, List<LeafRange> path)
    {
        if (count <= 1)
        {
            return;
        }

        var split = LargestPowerOfTwoBelow(count);
        if (leafIndex < split)
        {
            AddPath(leafIndex, start, split, path);
            path.Add(new LeafRange(start + split, count - split));
        }
        else
        {
            AddPath(leafIndex - split, start + split, count - split, path);
            path.Add(new LeafRange(start, split));
        }
    }

    private static void AddSubproof(long oldCount, long start, long count, bool startsAtOldRoot, List<LeafRange> path)
    {
        if (oldCount == count)
        {
            // The verifier already holds the old root itself; any other complete old subtree must be sent.
            if (!startsAtOldRoot)
            {
                path.Add(new LeafRange(start, count));
            }

            return;
        }

        var split = LargestPowerOfTwoBelow(count);
        if (oldCount <= split)
        {
            AddSubproof(oldCount, start, split, startsAtOldRoot, path);
            path.Add(new LeafRange(start + split, count - split));
        }
        else
        {
            AddSubproof(oldCount - split, start + split, count - split, startsAtOldRoot: false, path);
            path.Add(new LeafRange(start, split));
        }
    }

    private static long LargestPowerOfTwoBelow(long count) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(count - 1)));
}
