using System.Security.Cryptography;
using System.Text;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

// A tree of ledger-like leaves (32-byte "event hashes"), with its nodes in memory and its root at every size.
internal sealed class TestTree
{
    private TestTree(int size)
    {
        var builder = new MerkleTreeBuilder();
        Roots.Add(builder.Root);
        for (var i = 0; i < size; i++)
        {
            var leaf = LeafAt(i);
            Leaves.Add(leaf);
            LeafHashes.Add(Rfc9162Reference.LeafHash(leaf));
            Nodes.AddRange(builder.Append(leaf));
            Roots.Add(builder.Root);
        }
    }

    public static TestTree Of1000 { get; } = new(1000);

    public List<byte[]> Leaves { get; } = [];

    public List<byte[]> LeafHashes { get; } = [];

    public InMemoryNodeSource Nodes { get; } = new();

    // Roots[n] is the root of the first n leaves.
    public List<MerkleHash> Roots { get; } = [];

    public static byte[] LeafAt(int index) => SHA256.HashData(Encoding.ASCII.GetBytes($"event {index}"));

    public MerkleHash LeafHash(long index) => new(LeafHashes[checked((int)index)]);

    public List<byte[]> FirstLeafHashes(long count) => LeafHashes.GetRange(0, checked((int)count));
}
