using System.Security.Cryptography;

namespace Acgs.Protocol.Tests.Merkle;

// RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 transcribed literally (MTH, PATH, PROOF, SUBPROOF over lists of
// leaf hashes), independent of the library's node addressing, to judge what the library produces.
internal static class Rfc9162Reference
{
    public static byte[] Mth(IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (leafHashes.Count == 1)
        {
            return leafHashes[0];
        }

        var k = Split(leafHashes.Count);
        return Node(Mth(Slice(leafHashes, 0, k)), Mth(Slice(leafHashes, k, leafHashes.Count)));
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leafHashes)
    {
        var n = leafHashes.Count;
        if (n == 1)
        {
            return [];
        }

        var k = Split(n);
        return m < k
            ? [.. Path(m, Slice(leafHashes, 0, k)), Mth(Slice(leafHashes, k, n))]
            : [.. Path(m - k, Slice(leafHashes, k, n)), Mth(Slice(leafHashes, 0, k))];
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leafHashes) =>
        m == leafHashes.Count ? [] : Subproof(m, leafHashes, true);

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf) => SHA256.HashData([0x00, .. leaf]);

    public static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    private static List<byte[]> Subproof(int m, IReadOnlyList<byte[]> leafHashes, bool b)
    {
        var n = leafHashes.Count;
        if (m == n)
        {
            return b ? [] : [Mth(leafHashes)];
        }

        var k = Split(n);
        return m <= k
            ? [.. Subproof(m, Slice(leafHashes, 0, k), b), Mth(Slice(leafHashes, k, n))]
            : [.. Subproof(m - k, Slice(leafHashes, k, n), false), Mth(Slice(leafHashes, 0, k))];
    }

    // The largest power of two smaller than n.
    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static List<byte[]> Slice(IReadOnlyList<byte[]> list, int from, int to) => [.. list.Skip(from).Take(to - from)];
}
