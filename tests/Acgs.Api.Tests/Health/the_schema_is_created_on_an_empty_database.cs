using Acgs.Api.Tests.Infrastructure;
using Npgsql;

namespace Acgs.Api.Tests.Health;

// The deployment this replaces died on a schema that could not be created; the fixture starts every
// run from a dropped database, so this proves the whole schema applies to nothing.
[Collection(LedgerHostCollection.Name)]
public sealed class the_schema_is_created_on_an_empty_database(LedgerHostFixture fixture)
{
    [Theory]
    [InlineData("wolverine_incoming_envelopes")]
    [InlineData("wolverine_outgoing_envelopes")]
    public async Task table_exists_in_the_ledger_schema(string table)
    {
        _ = fixture.Host;
        await using var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(LedgerHostFixture.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = 'acgs' and table_name = @table", connection);
        command.Parameters.AddWithValue("table", table);

        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1);
    }
}
