using System.Security.Cryptography;
using Acgs.Ledger.Sealing;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Acgs.Ledger.Reads;

// The one key every node MACs page cursors with: random, made by whichever node reads it first and
// kept in the database, so a cursor survives restarts and works on every node. It only makes
// cursors tamper-evident and bound to their query; it protects nothing secret (a forged cursor could
// only name a leaf to start after, which any reader may do with replay), so the database can hold it.
public sealed class PageCursorKey(NpgsqlDataSource dataSource)
{
    private const string Table = "page_cursor_key";

    private byte[]? key;

    public static ISchemaObject SchemaObject()
    {
        var table = new Table(new PostgresqlObjectName(LedgerSchema.Schema, Table, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("id").AsPrimaryKey();
        table.AddColumn("key", "bytea").NotNull();
        return table;
    }

    public async ValueTask<byte[]> GetAsync(CancellationToken token)
    {
        if (key is { } known)
        {
            return known;
        }
        // Two nodes starting together both offer a key; the first insert wins and both read it back.
        await using (var insert = dataSource.CreateCommand(
            $"insert into {LedgerSchema.Schema}.{Table} (id, key) values (1, $1) on conflict (id) do nothing"))
        {
            insert.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(PageCursor.KeyBytes));
            await insert.ExecuteNonQueryAsync(token);
        }
        await using var select = dataSource.CreateCommand($"select key from {LedgerSchema.Schema}.{Table} where id = 1");
        var stored = (byte[])(await select.ExecuteScalarAsync(token))!;
        key = stored;
        return stored;
    }
}
