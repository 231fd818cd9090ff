using System.Text.Json;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

public sealed class proof_json
{
    private static readonly TestTree Tree = TestTree.Of1000;

    [Fact]
    public async Task an_inclusion_proof_is_leaf_index_tree_size_and_lowercase_hex_hashes()
    {
        var proof = await MerkleProver.ProveInclusionAsync(Tree.Nodes, 5, 8);

        var json = JsonSerializer.Serialize(proof);

        json.ShouldBe($$"""{"leafIndex":5,"treeSize":8,"hashes":[{{string.Join(',', proof.Hashes.Select(hash => $"\"{hash.ToHex()}\""))}}]}""");
        JsonSerializer.Deserialize<InclusionProof>(json).ShouldBe(proof);
    }

    [Fact]
    public async Task a_consistency_proof_round_trips()
    {
        var proof = await MerkleProver.ProveConsistencyAsync(Tree.Nodes, 3, 7);

        var json = JsonSerializer.Serialize(proof);

        json.ShouldStartWith("""{"firstSize":3,"secondSize":7,"hashes":[""");
        JsonSerializer.Deserialize<ConsistencyProof>(json).ShouldBe(proof);
    }

    [Theory]
    [InlineData("\"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\"")]
    [InlineData("\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8\"")]
    [InlineData("\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85500\"")]
    [InlineData("\" e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"")]
    [InlineData("\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void a_hash_in_json_is_exactly_64_lowercase_hex_digits(string hash)
    {
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<InclusionProof>($$"""{"leafIndex":0,"treeSize":2,"hashes":[{{hash}}]}"""));
    }

    [Fact]
    public void hashes_compare_by_value_and_print_as_hex()
    {
        var empty = MerkleHash.ParseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        empty.ShouldBe(MerkleTreeHasher.EmptyRoot);
        (empty == MerkleTreeHasher.EmptyRoot).ShouldBeTrue();
        (empty != default).ShouldBeTrue();
        empty.ToString().ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        default(MerkleHash).ToArray().ShouldBe(new byte[32]);
        MerkleHash.TryCreate(new byte[31], out _).ShouldBeFalse();
        MerkleHash.TryCreate(new byte[33], out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => new MerkleHash(new byte[31]));
        Should.Throw<FormatException>(() => MerkleHash.ParseHex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
    }
}
