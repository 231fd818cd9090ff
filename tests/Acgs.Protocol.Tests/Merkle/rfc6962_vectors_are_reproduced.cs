using System.Text.Json;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

// Vectors/rfc6962-merkle-transparency-dev/rfc6962-vectors.json: an 8-leaf tree's leaf and node hashes,
// its roots at sizes 0..8, and RFC 6962 inclusion and consistency paths (all lowercase hex).
public sealed class rfc6962_vectors_are_reproduced
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(
        File.ReadAllBytes(TransparencyDevVectors.PathOf("rfc6962-vectors.json"))).RootElement;

    private static readonly byte[][] Leaves = [.. Vectors.GetProperty("leaves").EnumerateArray().Select(Hex)];

    [Fact]
    public void leaf_hashes()
    {
        var expected = Vectors.GetProperty("leaf_hashes").EnumerateArray().Select(Hex).ToList();

        Leaves.Select(leaf => MerkleTreeHasher.HashLeaf(leaf).ToArray()).ShouldBe(expected);
    }

    [Fact]
    public void the_empty_root_is_sha256_of_nothing()
    {
        MerkleTreeHasher.EmptyRoot.ToHex().ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void roots_at_every_size_from_the_builder()
    {
        var builder = new MerkleTreeBuilder();
        var roots = new List<string> { builder.Root.ToHex() };
        foreach (var leaf in Leaves)
        {
            builder.Append(leaf);
            roots.Add(builder.Root.ToHex());
        }

        roots.ShouldBe(Vectors.GetProperty("roots").EnumerateArray().Select(root => root.GetProperty("root").GetString()!).ToList());
    }

    [Fact]
    public async Task roots_at_every_size_from_stored_nodes()
    {
        var nodes = NodesOfAllLeaves();
        foreach (var root in Vectors.GetProperty("roots").EnumerateArray())
        {
            var computed = await MerkleProver.ComputeRootAsync(nodes, root.GetProperty("tree_size").GetInt64());
            computed.ToHex().ShouldBe(root.GetProperty("root").GetString());
        }
    }

    [Fact]
    public async Task every_stored_node_is_the_published_complete_subtree_hash()
    {
        var levels = Vectors.GetProperty("node_hashes_by_level").GetProperty("levels").EnumerateArray().ToList();
        var ids = levels.SelectMany((level, k) => level.EnumerateArray().Select((_, i) => new NodeId(k, i))).ToList();

        var nodes = NodesOfAllLeaves();
        var stored = await nodes.GetNodesAsync(ids, CancellationToken.None);

        nodes.Count.ShouldBe(15);
        foreach (var id in ids)
        {
            stored[id].ToHex().ShouldBe(levels[id.Level][(int)id.Index].GetString());
        }
    }

    [Fact]
    public async Task inclusion_proofs_are_produced_and_verify()
    {
        var nodes = NodesOfAllLeaves();
        foreach (var vector in Vectors.GetProperty("inclusion_proofs").EnumerateArray())
        {
            var leafIndex = vector.GetProperty("leafIndex").GetInt64();
            var treeSize = vector.GetProperty("treeSize").GetInt64();

            var proof = await MerkleProver.ProveInclusionAsync(nodes, leafIndex, treeSize);

            proof.Hashes.Select(hash => hash.ToHex()).ShouldBe(Strings(vector.GetProperty("path")));
            MerkleVerifier.VerifyInclusion(LeafHash(leafIndex), proof, Root(treeSize)).ShouldBe(ProofResult.Valid);
        }
    }

    [Fact]
    public async Task consistency_proofs_are_produced_and_verify()
    {
        var nodes = NodesOfAllLeaves();
        foreach (var vector in Vectors.GetProperty("consistency_proofs").EnumerateArray())
        {
            var firstSize = vector.GetProperty("size1").GetInt64();
            var secondSize = vector.GetProperty("size2").GetInt64();

            var proof = await MerkleProver.ProveConsistencyAsync(nodes, firstSize, secondSize);

            proof.Hashes.Select(hash => hash.ToHex()).ShouldBe(Strings(vector.GetProperty("path")));
            MerkleVerifier.VerifyConsistency(proof, Root(firstSize), Root(secondSize)).ShouldBe(ProofResult.Valid);
        }
    }

    private static InMemoryNodeSource NodesOfAllLeaves()
    {
        var builder = new MerkleTreeBuilder();
        var nodes = new InMemoryNodeSource();
        foreach (var leaf in Leaves)
        {
            nodes.AddRange(builder.Append(leaf));
        }

        return nodes;
    }

    private static byte[] LeafHash(long index) => Hex(Vectors.GetProperty("leaf_hashes")[(int)index]);

    private static byte[] Root(long treeSize) => Hex(Vectors.GetProperty("roots")[(int)treeSize].GetProperty("root"));

    private static byte[] Hex(JsonElement element) => Convert.FromHexString(element.GetString()!);

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(element => element.GetString()!)];
}
