using System.Collections.Immutable;
using System.Text.Json;
using Acgs.Ledger.Integrity.Merkle;

namespace Acgs.Protocol.Tests.Merkle;

// Every file of transparency-dev/merkle's testdata/ (see Vectors/rfc6962-merkle-transparency-dev/SOURCE.txt).
// Hashes are base64 (Go's []byte JSON); "proof": null is an empty proof; wantErr says whether to reject.
public sealed class transparency_dev_vectors_are_judged_as_published
{
    public static TheoryData<string> InclusionFiles => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles => Files("consistency");

    [Fact]
    public void all_196_files_are_present_12_to_accept_and_184_to_reject()
    {
        var files = Directory.GetFiles(TransparencyDevVectors.PathOf("testdata"), "*.json", SearchOption.AllDirectories);
        var wantErr = files.Select(file => Read(file).RootElement.GetProperty("wantErr").GetBoolean()).ToList();

        files.Length.ShouldBe(196);
        wantErr.Count(rejected => !rejected).ShouldBe(12);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void inclusion(string file)
    {
        var vector = Read(TransparencyDevVectors.PathOf("testdata", file)).RootElement;
        var wantErr = vector.GetProperty("wantErr").GetBoolean();
        var proofHashes = HashList(vector.GetProperty("proof"));

        // A proof element that is not 32 bytes, or an index beyond 2^63-1 (Go's uint64 0 - 1), cannot be
        // carried by InclusionProof or its JSON form: such a vector is refused before verification.
        if (!TryTyped(proofHashes, out var typed)
            || !vector.GetProperty("leafIdx").TryGetInt64(out var leafIndex)
            || !vector.GetProperty("treeSize").TryGetInt64(out var treeSize))
        {
            wantErr.ShouldBeTrue();
            return;
        }

        var proof = new InclusionProof(leafIndex, treeSize, typed);
        var result = MerkleVerifier.VerifyInclusion(Bytes(vector.GetProperty("leafHash")), proof, Bytes(vector.GetProperty("root")));

        (result == ProofResult.Valid).ShouldBe(!wantErr, $"{vector.GetProperty("desc").GetString()}: {result}");
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void consistency(string file)
    {
        var vector = Read(TransparencyDevVectors.PathOf("testdata", file)).RootElement;
        var wantErr = vector.GetProperty("wantErr").GetBoolean();
        var proofHashes = HashList(vector.GetProperty("proof"));

        if (!TryTyped(proofHashes, out var typed)
            || !vector.GetProperty("size1").TryGetInt64(out var firstSize)
            || !vector.GetProperty("size2").TryGetInt64(out var secondSize))
        {
            wantErr.ShouldBeTrue();
            return;
        }

        var proof = new ConsistencyProof(firstSize, secondSize, typed);
        var result = MerkleVerifier.VerifyConsistency(proof, Bytes(vector.GetProperty("root1")), Bytes(vector.GetProperty("root2")));

        (result == ProofResult.Valid).ShouldBe(!wantErr, $"{vector.GetProperty("desc").GetString()}: {result}");
    }

    private static TheoryData<string> Files(string kind)
    {
        var root = TransparencyDevVectors.PathOf("testdata");
        var files = Directory.GetFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    private static JsonDocument Read(string path) => JsonDocument.Parse(File.ReadAllBytes(path));

    private static byte[] Bytes(JsonElement element) => Convert.FromBase64String(element.GetString()!);

    private static List<byte[]> HashList(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : [.. element.EnumerateArray().Select(Bytes)];

    private static bool TryTyped(List<byte[]> hashes, out ImmutableArray<MerkleHash> typed)
    {
        var builder = ImmutableArray.CreateBuilder<MerkleHash>(hashes.Count);
        foreach (var bytes in hashes)
        {
            if (!MerkleHash.TryCreate(bytes, out var hash))
            {
                typed = default;
                return false;
            }

            builder.Add(hash);
        }

        typed = builder.MoveToImmutable();
        return true;
    }
}
