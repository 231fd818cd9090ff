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
        long? endLeaf = null;
        if (filter.From is not null || filter.To is not null)
        {
            var (firstLeaf, end) = await LeafRangeAsync(connection, filter.From, filter.To, token);
            afterLeaf = Math.Max(afterLeaf, firstLeaf - 1);
            endLeaf = end;
            if (end <= afterLeaf + 1)
            {
                return new SealedEventPage([], More: false);
            }
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
        Where(sql, command, "a.leaf_index <", endLeaf);
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

    // Every leaf a time window can hold lies in [First, End), from what the sealer recorded with each
    // checkpoint; without them PostgreSQL walks the leaf index from the cursor and filters recordedAt
    // row by row, to the window and, for a page's last rows, past it to the end of the log. First: no
    // leaf below a checkpoint whose recorded_through (the latest recordedAt of all its leaves)
    // precedes `from` can match. End: a leaf matching `to` was added by a checkpoint whose
    // added_earliest is at most `to`, so none beyond the largest such checkpoint can match. The end
    // is not drawn from recorded_through: a transaction that commits late is logged after events
    // recorded later than it. Checkpoints without the columns bound nothing.
    private static async Task<(long First, long? End)> LeafRangeAsync(NpgsqlConnection connection, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken token)
    {
        const string Checkpoints = $"{LogSchema.Schema}.log_checkpoints";
        await using var command = connection.CreateCommand();
        var first = "0::bigint";
        var end = "null::bigint";
        if (from is { } start)
        {
            command.Parameters.AddWithValue(start);
            first = $"""
                coalesce((select tree_size from {Checkpoints} where recorded_through < ${command.Parameters.Count}
                          order by recorded_through desc, tree_size desc limit 1), 0)
                """;
        }
        if (to is { } stop)
        {
            command.Parameters.AddWithValue(stop);
            end = $"""
                coalesce((select tree_size from {Checkpoints} where added_earliest <= ${command.Parameters.Count} or added_earliest is null
                          order by tree_size desc limit 1), 0)
                """;
        }
        command.CommandText = $"select {first}, {end}";
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
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
