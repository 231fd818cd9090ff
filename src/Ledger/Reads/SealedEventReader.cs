using System.Text;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing.Log;
using Npgsql;

namespace Acgs.Ledger.Reads;

// Up to a page of events, and whether the log holds more after them under the same filter.
public sealed record SealedEventPage(IReadOnlyList<SealedLogEvent> Events, bool More);

// The sealed log's reads (DESIGN §4.6): keyset pages by leaf index over the audit table the sealer
// writes, joined to mt_events by sequence for the seal and the payload. Never paged on Marten's
// sequence (a transaction that commits late gets a lower sequence than events already read, but a
// later leaf), and never through Marten's LINQ (it leaves archived rows out and re-serialises data).
public sealed class SealedEventReader(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 1000;

    // A page stops early once it holds this much stored JSON, so one page stays bounded in memory
    // however large the payloads; the caller pages on from its last event.
    public const long MaxPageChars = 1 << 20;

    // The filters only ever add "column = parameter" clauses: every value is sent as a parameter.
    public async Task<SealedEventPage> PageAsync(AuditFilter filter, long afterLeaf, int pageSize, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(afterLeaf, -1);

        await using var connection = await dataSource.OpenConnectionAsync(token);
        if (filter.From is { } from)
        {
            afterLeaf = Math.Max(afterLeaf, await FirstLeafFromAsync(connection, from, token) - 1);
        }
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(
            $"""
            select a.leaf_index, a.event_hash, a.stream_id, a.version, a.type, a.actor_id, a.recorded_at,
                   e.headers ->> '{EventSeal.HeaderName}', e.data::text
            from {LogSchema.Schema}.audit_events a left join {LogSchema.Schema}.mt_events e on e.seq_id = a.seq
            where a.leaf_index > $1
            """);
        command.Parameters.AddWithValue(afterLeaf);
        Where(sql, command, "a.actor_id =", filter.ActorId);
        Where(sql, command, "a.type =", filter.Type);
        Where(sql, command, "a.stream_id =", filter.StreamId);
        Where(sql, command, "a.recorded_at >=", filter.From);
        Where(sql, command, "a.recorded_at <=", filter.To);
        command.Parameters.AddWithValue(pageSize + 1);
        sql.Append($" order by a.leaf_index limit ${command.Parameters.Count}");
        command.CommandText = sql.ToString();

        var events = new List<SealedLogEvent>();
        long chars = 0;
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            if (events.Count == pageSize || chars >= MaxPageChars)
            {
                return new SealedEventPage(events, More: true);
            }
            var sealedEvent = new SealedLogEvent(reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt64(3),
                reader.GetString(4), reader.GetGuid(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
            chars += sealedEvent.StoredLength;
            events.Add(sealedEvent);
        }
        return new SealedEventPage(events, More: false);
    }

    // No leaf below a checkpoint whose recorded_through precedes `from` can match: that column is the
    // latest recordedAt of every leaf the checkpoint covers. Starting the keyset walk there spares
    // PostgreSQL the rows before the window, which it would otherwise read and filter one by one. The
    // window's end gives no such bound: a transaction that commits late is logged after events
    // recorded later than it.
    private static async Task<long> FirstLeafFromAsync(NpgsqlConnection connection, DateTimeOffset from, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select tree_size from {LogSchema.Schema}.log_checkpoints where recorded_through < $1
            order by recorded_through desc, tree_size desc limit 1
            """, connection);
        command.Parameters.AddWithValue(from);
        return await command.ExecuteScalarAsync(token) is long treeSize ? treeSize : 0;
    }

    // The signed tree size: every leaf below it has its audit row (both are written in one transaction).
    public async Task<long> TreeSizeAsync(CancellationToken token)
    {
        await using var command = dataSource.CreateCommand($"select tree_size from {LogSchema.Schema}.log_head where id = 1");
        return await command.ExecuteScalarAsync(token) is long treeSize ? treeSize : 0;
    }

    private static void Where<T>(StringBuilder sql, NpgsqlCommand command, string comparison, T? value)
    {
        if (value is null)
        {
            return;
        }
        command.Parameters.AddWithValue(value);
        sql.Append($" and {comparison} ${command.Parameters.Count}");
    }
}
