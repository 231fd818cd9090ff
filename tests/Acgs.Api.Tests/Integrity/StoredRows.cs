using Acgs.Ledger.Integrity;
using Npgsql;

namespace Acgs.Api.Tests.Integrity;

// What an attacker with database access does: raw SQL on acgs.mt_events, bypassing every check of
// the append path, and even the seal trigger when needed.
public sealed class StoredRows(NpgsqlDataSource dataSource)
{
    public sealed record Row(long Sequence, Guid StreamId, long Version, string Type, string Data, string? SealText)
    {
        public EventSeal Seal => EventSeal.TryParse(SealText, out var seal, out var problem)
            ? seal
            : throw new InvalidOperationException($"seq {Sequence}: {problem}");
    }

    public async Task<Row> ReadAsync(Guid streamId, long version) =>
        (await QueryAsync("where stream_id = $1 and version = $2", streamId, version)).Single();

    public Task<IReadOnlyList<Row>> StreamAsync(Guid streamId) => QueryAsync("where stream_id = $1", streamId);

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }

    public Task SetSealAsync(long sequence, string sealText) =>
        ExecuteAsync("update acgs.mt_events set headers = jsonb_build_object('acgs.seal', $2::text) where seq_id = $1", sequence, sealText);

    // Rewrites the seal of one version as `change` says and re-seals every later event of the stream
    // onto it (hash recomputed, prev relinked): a consistent chain that only a signature can betray.
    public async Task ResealAsync(Guid streamId, long version, Func<EventSealInput, EventSealInput> change)
    {
        var rows = (await StreamAsync(streamId)).Where(row => row.Version >= version).ToList();
        string? prev = null;
        foreach (var row in rows)
        {
            var input = row.Version == version ? change(row.Seal.Input) : row.Seal.Input with { Prev = prev! };
            var seal = EventSeal.Create(input);
            await SetSealAsync(row.Sequence, seal.ToHeaderText());
            prev = seal.Hash;
        }
    }

    // Inserts a row as nothing in the ledger would, with the seal trigger disabled inside the same
    // transaction: no other session ever sees it disabled, and a failure rolls the change back.
    public async Task<long> InsertAsync(Guid streamId, long version, string type, string data, string? sealText)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, "alter table acgs.mt_events disable trigger acgs_require_seal");
        long sequence;
        await using (var insert = new NpgsqlCommand(
            """
            insert into acgs.mt_events (seq_id, id, stream_id, version, data, type, headers)
            values (nextval('acgs.mt_events_sequence'), gen_random_uuid(), $1, $2, $3::jsonb, $4,
                    case when $5::text is null then null else jsonb_build_object('acgs.seal', $5::text) end)
            returning seq_id
            """, connection))
        {
            insert.Parameters.AddWithValue(streamId);
            insert.Parameters.AddWithValue(version);
            insert.Parameters.AddWithValue(data);
            insert.Parameters.AddWithValue(type);
            insert.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)sealText ?? DBNull.Value);
            sequence = (long)(await insert.ExecuteScalarAsync())!;
        }
        await using (var head = new NpgsqlCommand("update acgs.mt_streams set version = greatest(version, $2) where id = $1", connection))
        {
            head.Parameters.AddWithValue(streamId);
            head.Parameters.AddWithValue(version);
            await head.ExecuteNonQueryAsync();
        }
        await Execute(connection, "alter table acgs.mt_events enable trigger acgs_require_seal");
        await transaction.CommitAsync();
        return sequence;
    }

    // What an attacker with the database owner's rights does to the append-only log tables: lift
    // their guards. Inside one transaction, so the guards are back whatever happens, and no other
    // session ever sees them lifted.
    public Task ChangeLogAsync(params string[] statements) => ChangeLogAsync(statements, []);

    public async Task ChangeLogAsync(string[] statements, object[] parameters)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(parameters);
        string[] tables = ["log_leaves", "log_nodes", "log_checkpoints"];
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var table in tables)
        {
            await Execute(connection, $"alter table acgs.{table} disable trigger acgs_{table}_append_only");
        }
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            foreach (var parameter in parameters)
            {
                command.Parameters.AddWithValue(parameter);
            }
            await command.ExecuteNonQueryAsync();
        }
        foreach (var table in tables)
        {
            await Execute(connection, $"alter table acgs.{table} enable trigger acgs_{table}_append_only");
        }
        await transaction.CommitAsync();
    }

    public async Task<(long TreeSize, string Note)> LatestCheckpointAsync()
    {
        await using var command = dataSource.CreateCommand("select tree_size, note from acgs.log_checkpoints order by tree_size desc limit 1");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetInt64(0), reader.GetString(1));
    }

    // Cuts the log back to its first treeSize leaves, with the nodes over the rest and the
    // checkpoints that sign them: a log consistent in itself, only smaller than one seen before.
    public Task CutLogAsync(long treeSize) => ChangeLogAsync(
        $"delete from acgs.log_leaves where leaf_index >= {treeSize}",
        $"delete from acgs.log_nodes where (idx + 1) << level > {treeSize}",
        $"delete from acgs.log_checkpoints where tree_size > {treeSize}",
        $"delete from acgs.audit_events where leaf_index >= {treeSize}",
        $"update acgs.log_head set tree_size = {treeSize}");

    private async Task<IReadOnlyList<Row>> QueryAsync(string where, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(
            $"select seq_id, stream_id, version, type, data::text, headers ->> 'acgs.seal' from acgs.mt_events {where} order by version");
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return rows;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
