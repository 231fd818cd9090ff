using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Actors;
using Npgsql;

namespace Acgs.Api.Tests.Log;

[Collection(LedgerHostCollection.Name)]
public sealed class the_log_refuses_forgeries_and_changes(LedgerHostFixture fixture)
{
    private readonly Submitter submitter = new(fixture.Host);

    [Fact]
    public async Task a_forged_row_that_passes_the_trigger_is_quarantined_and_never_gets_a_leaf()
    {
        var (actorId, _) = await submitter.RegisterAsync(Role.Council);
        await using var connection = await OpenAsync();
        // A copy of a real seal on a row it does not describe: the trigger only sees that a seal is
        // present; the sealer re-derives it and refuses.
        await using var insert = new NpgsqlCommand(
            """
            insert into acgs.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived)
            select nextval('acgs.mt_events_sequence'), gen_random_uuid(), stream_id, 99, data, type, now(), tenant_id, mt_dotnet_type, headers, false
            from acgs.mt_events where stream_id = $1 and version = 1
            returning seq_id
            """, connection);
        insert.Parameters.AddWithValue(actorId);
        var forgedSeq = (long)(await insert.ExecuteScalarAsync())!;

        await Eventually.TrueAsync(async () => await CountAsync(connection, $"select count(*) from acgs.log_quarantine where seq = {forgedSeq}") == 1,
            TimeSpan.FromSeconds(10));
        (await CountAsync(connection, $"select count(*) from acgs.log_leaves where seq = {forgedSeq}")).ShouldBe(0);
        (await CountAsync(connection, $"select count(*) from acgs.unsealed where seq = {forgedSeq}")).ShouldBe(0);
    }

    [Theory]
    [InlineData("update acgs.log_leaves set event_hash = event_hash")]
    [InlineData("delete from acgs.log_leaves")]
    [InlineData("truncate acgs.log_leaves")]
    [InlineData("update acgs.log_nodes set hash = hash")]
    [InlineData("delete from acgs.log_nodes")]
    [InlineData("truncate acgs.log_nodes")]
    [InlineData("update acgs.log_checkpoints set note = note")]
    [InlineData("delete from acgs.log_checkpoints")]
    [InlineData("truncate acgs.log_checkpoints")]
    public async Task log_tables_are_append_only(string sql)
    {
        await submitter.RegisterAsync(Role.Auditor);
        await Eventually.OkAsync(fixture.Host.Client, "/v1/checkpoints/latest", TimeSpan.FromSeconds(10));
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var refused = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        refused.SqlState.ShouldBe("AC002");
    }

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(LedgerHostFixture.Database));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
