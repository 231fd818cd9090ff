using System.Net;
using System.Text;
using System.Text.Json;
using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;
using Npgsql;

namespace Acgs.Api.Tests.Log;

[Collection(LedgerHostCollection.Name)]
public sealed class the_sealer_logs_every_event_under_signed_checkpoints(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task a_written_event_gets_an_inclusion_proof_that_verifies_against_the_signed_checkpoint()
    {
        await submitter.RegisterAsync(Role.Council);
        var (actorId, _) = await submitter.RegisterAsync(Role.Proposer);
        var eventHash = await EventHashAsync(actorId);

        var proofResponse = await Eventually.OkAsync(Client, $"/v1/proofs/inclusion?eventHash={eventHash}", TimeSpan.FromSeconds(10));
        var proof = JsonSerializer.Deserialize<InclusionProof>(await proofResponse.Content.ReadAsStringAsync(), LedgerJson.Options)!;
        var checkpoint = await VerifiedCheckpointAsync(await Client.GetStringAsync($"/v1/checkpoints/{proof.TreeSize}"));

        var leafHash = MerkleTreeHasher.HashLeaf(Convert.FromHexString(eventHash));
        MerkleVerifier.VerifyInclusion(leafHash.AsSpan(), proof, checkpoint.RootHash.AsSpan()).ShouldBe(ProofResult.Valid);
    }

    [Fact]
    public async Task the_log_equals_an_independent_recomputation_from_the_events()
    {
        await submitter.RegisterAsync(Role.Auditor);
        await Eventually.TrueAsync(async () => await UnsealedCountAsync() == 0, TimeSpan.FromSeconds(10));
        var latest = await VerifiedCheckpointAsync(await Client.GetStringAsync("/v1/checkpoints/latest"));

        // Leaves in log order, each the hash recorded in its event's own seal.
        var leaves = new List<byte[]>();
        await using (var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(LedgerHostFixture.Database)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select e.headers ->> 'acgs.seal' from acgs.log_leaves l join acgs.mt_events e on e.seq_id = l.seq where l.leaf_index < $1 order by l.leaf_index",
                connection);
            command.Parameters.AddWithValue(latest.TreeSize);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                EventSeal.TryParse(reader.GetString(0), out var seal, out _).ShouldBeTrue();
                seal.HashMatches().ShouldBeTrue();
                leaves.Add(Convert.FromHexString(seal.Hash));
            }
        }

        leaves.Count.ShouldBe((int)latest.TreeSize);
        var rebuilt = new MerkleTreeBuilder();
        foreach (var leaf in leaves)
        {
            rebuilt.Append(leaf);
        }
        rebuilt.Root.ShouldBe(latest.RootHash);
    }

    [Fact]
    public async Task consecutive_checkpoints_are_proven_consistent()
    {
        await submitter.RegisterAsync(Role.Verifier);
        var first = await VerifiedCheckpointAsync(await (await Eventually.OkAsync(Client, "/v1/checkpoints/latest", TimeSpan.FromSeconds(10))).Content.ReadAsStringAsync());
        await submitter.RegisterAsync(Role.Compiler);
        await Eventually.TrueAsync(async () => (await VerifiedCheckpointAsync(await Client.GetStringAsync("/v1/checkpoints/latest"))).TreeSize > first.TreeSize,
            TimeSpan.FromSeconds(10));
        var second = await VerifiedCheckpointAsync(await Client.GetStringAsync("/v1/checkpoints/latest"));

        var response = await Client.GetStringAsync($"/v1/proofs/consistency?from={first.TreeSize}&to={second.TreeSize}");
        var proof = JsonSerializer.Deserialize<ConsistencyProof>(response, LedgerJson.Options)!;

        MerkleVerifier.VerifyConsistency(proof, first.RootHash.AsSpan(), second.RootHash.AsSpan()).ShouldBe(ProofResult.Valid);
    }

    [Theory]
    [InlineData("/v1/proofs/inclusion?leaf=-1")]
    [InlineData("/v1/proofs/inclusion?leaf=abc")]
    [InlineData("/v1/proofs/inclusion?leaf=0&treeSize=0")]
    [InlineData("/v1/proofs/inclusion?leaf=999999999&treeSize=1")]
    [InlineData("/v1/proofs/inclusion?leaf=0&treeSize=999999999999")]
    [InlineData("/v1/proofs/inclusion")]
    [InlineData("/v1/proofs/inclusion?eventHash=XYZ")]
    [InlineData("/v1/proofs/consistency?from=2&to=1")]
    [InlineData("/v1/proofs/consistency?from=0&to=1")]
    [InlineData("/v1/proofs/consistency?from=1&to=999999999999")]
    [InlineData("/v1/proofs/consistency?from=x&to=1")]
    [InlineData("/v1/checkpoints/0")]
    [InlineData("/v1/checkpoints/-3")]
    [InlineData("/v1/events/not-a-hash")]
    public async Task a_bad_proof_request_is_a_400_problem(string path)
    {
        await submitter.RegisterAsync(Role.Auditor);
        await Eventually.OkAsync(Client, "/v1/checkpoints/latest", TimeSpan.FromSeconds(10));

        var response = await Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/v1/proofs/inclusion?eventHash=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/v1/events/0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/v1/checkpoints/999999999")]
    public async Task an_unknown_event_or_size_is_a_404_problem(string path)
    {
        await Eventually.OkAsync(Client, "/v1/checkpoints/latest", TimeSpan.FromSeconds(10));

        var response = await Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private async Task<Checkpoint> VerifiedCheckpointAsync(string noteText)
    {
        var verifierKey = NoteVerifierKey.Parse((await Client.GetStringAsync("/.well-known/acgs/ledger-key")).Trim());
        var note = SignedNote.Parse(Encoding.UTF8.GetBytes(noteText));
        note.Verify([verifierKey]).IsValid.ShouldBeTrue();
        var checkpoint = Checkpoint.Parse(note.Text);
        checkpoint.Origin.ShouldBe(fixture.Host.Ledger.Created.Origin);
        return checkpoint;
    }

    private static async Task<string> EventHashAsync(Guid actorId)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(LedgerHostFixture.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select headers ->> 'acgs.seal' from acgs.mt_events where stream_id = $1 and version = 1", connection);
        command.Parameters.AddWithValue(actorId);
        EventSeal.TryParse((string)(await command.ExecuteScalarAsync())!, out var seal, out _).ShouldBeTrue();
        return seal.Hash;
    }

    private static async Task<long> UnsealedCountAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(LedgerHostFixture.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from acgs.unsealed", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
