using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity.Merkle;
using Npgsql;

namespace Acgs.Api.Tests.Log;

// The sealing node stops after N leaves; writes go on through a node that does not seal; a new
// sealing node takes over from the stored head.
public sealed class a_restarted_sealer_continues_without_gap_or_duplicate : IAsyncLifetime
{
    private string database = "";

    public async Task InitializeAsync() =>
        database = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName("acgs_test_sealer_restart"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_next_sealer_extends_the_log_densely_and_consistently()
    {
        await using var writer = await LedgerHost.StartAsync(database, TestEnvironment.Redis, sealer: false);
        var submitter = new Submitter(writer);

        long firstSize;
        string firstRoot;
        await using (var sealing = await LedgerHost.StartAsync(database, TestEnvironment.Redis, writer.Ledger))
        {
            for (var i = 0; i < 5; i++)
            {
                await submitter.RegisterAsync(Role.Council);
            }
            await Eventually.TrueAsync(async () => await CountAsync("select count(*) from acgs.unsealed") == 0, TimeSpan.FromSeconds(15));
            firstSize = await CountAsync("select max(tree_size) from acgs.log_checkpoints");
            firstRoot = await TextAsync($"select root_hash from acgs.log_checkpoints where tree_size = {firstSize}");
        }

        for (var i = 0; i < 7; i++)
        {
            await submitter.RegisterAsync(Role.Proposer);
        }
        (await CountAsync("select count(*) from acgs.unsealed")).ShouldBe(7);

        await using var next = await LedgerHost.StartAsync(database, TestEnvironment.Redis, writer.Ledger);
        await Eventually.TrueAsync(async () => await CountAsync("select count(*) from acgs.unsealed") == 0, TimeSpan.FromSeconds(15));

        var events = await CountAsync("select count(*) from acgs.mt_events where type <> 'tombstone'");
        (await CountAsync("select count(*) from acgs.log_leaves")).ShouldBe(events);
        (await CountAsync("select count(distinct seq) from acgs.log_leaves")).ShouldBe(events);
        (await CountAsync("select max(leaf_index) + 1 from acgs.log_leaves")).ShouldBe(events);
        var latest = await CountAsync("select max(tree_size) from acgs.log_checkpoints");
        latest.ShouldBe(events);

        var response = await next.Client.GetStringAsync($"/v1/proofs/consistency?from={firstSize}&to={latest}");
        var proof = System.Text.Json.JsonSerializer.Deserialize<ConsistencyProof>(response, Acgs.Ledger.Integrity.LedgerJson.Options)!;
        var latestRoot = await TextAsync($"select root_hash from acgs.log_checkpoints where tree_size = {latest}");
        MerkleVerifier.VerifyConsistency(proof, Convert.FromHexString(firstRoot), Convert.FromHexString(latestRoot)).ShouldBe(ProofResult.Valid);
    }

    private async Task<long> CountAsync(string sql) => (long)(await ScalarAsync(sql))!;

    private async Task<string> TextAsync(string sql) => (string)(await ScalarAsync(sql))!;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
