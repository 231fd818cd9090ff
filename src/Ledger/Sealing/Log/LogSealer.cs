using Acgs.Ledger.Identity;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Integrity.Notes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Acgs.Ledger.Sealing.Log;

// The sealer of the global log (DESIGN §4.4). Not a Marten projection: a rebuild would sign a
// second tree. Runs on every node; each sealing transaction takes a transaction-scoped advisory
// lock on the connection that writes, so one node seals at a time, and exactly-once comes from the
// log tables' constraints (leaf_index and seq are unique) and the head row's tree-size fence.
public sealed partial class LogSealer(
    NpgsqlDataSource dataSource,
    LedgerAuthority ledger,
    LedgerClock clock,
    ILogger<LogSealer> logger) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int sealedCount;
            try
            {
                sealedCount = await SealBatchAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException
                                                  && !stoppingToken.IsCancellationRequested)
            {
                LogSealingFailed(logger, exception);
                sealedCount = 0;
            }
            if (sealedCount < BatchSize)
            {
                try
                {
                    await Task.Delay(Idle, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // One transaction: lock, take committed queue rows in sequence order, re-check each, append
    // leaves and nodes, write audit rows, sign a checkpoint proven consistent with the last one.
    // Returns how many queue rows it consumed (0 when another node holds the lock or none wait).
    public async Task<int> SealBatchAsync(CancellationToken token)
    {
        await using var connection = await dataSource.OpenConnectionAsync(token);
        await using var transaction = await connection.BeginTransactionAsync(token);
        if (!await ScalarAsync<bool>(connection, transaction, "select pg_try_advisory_xact_lock($1)", token, LogSchema.SealerLockKey))
        {
            return 0;
        }

        var (treeSize, recordedThrough) = await LockHeadAsync(connection, transaction, token);
        var rows = await ReadQueueAsync(connection, transaction, token);
        if (rows.Count == 0)
        {
            return 0;
        }

        var nodes = new DatabaseNodeSource(connection, transaction);
        var builder = await MerkleTreeBuilder.ResumeAsync(nodes, treeSize, token);
        var previousRoot = builder.Root;
        var keys = new Dictionary<KeyId, (Guid, VerificationKey)?>();
        var lastHash = new Dictionary<Guid, string>();
        var newNodes = new List<MerkleNode>();
        var logged = new List<(long LeafIndex, EventRow Row, EventSeal Seal)>();
        foreach (var row in rows)
        {
            var expectedPrev = row.Version == 1
                ? GenesisLink.Compute(ledger.LedgerId, row.StreamId)
                : lastHash.GetValueOrDefault(row.StreamId) ?? await PreviousHashAsync(connection, transaction, row, token);
            // The seal is parsed once per row: it names the key to fetch and is then checked.
            string? problem;
            if (EventSeal.TryParse(row.SealText, out var seal, out var parseProblem))
            {
                await LoadKeyAsync(connection, transaction, seal.Input.Submission.KeyId, keys, token);
                problem = SealedRowCheck.Check(row, seal, ledger.LedgerId, expectedPrev ?? "", keyId => keys.GetValueOrDefault(keyId));
            }
            else
            {
                problem = "seal: " + parseProblem;
            }
            if (problem is not null || seal is null)
            {
                LogQuarantined(logger, row.Seq, row.StreamId, row.Version, problem ?? "unreadable seal");
                await ExecuteAsync(connection, transaction,
                    $"insert into {LogSchema.Schema}.log_quarantine (seq, reason, quarantined_at) values ($1, $2, $3)", token,
                    row.Seq, problem ?? "unreadable seal", clock.Now());
                continue;
            }

            logged.Add((builder.Size, row, seal));
            newNodes.AddRange(builder.Append(Convert.FromHexString(seal.Hash)));
            lastHash[row.StreamId] = seal.Hash;
        }

        // One statement per table for the whole batch: the sealer's cost per event must stay well
        // under the appends' so the log keeps up under load.
        await ExecuteAsync(connection, transaction,
            $"""
            insert into {LogSchema.Schema}.log_leaves (leaf_index, seq, event_hash)
            select * from unnest($1::bigint[], $2::bigint[], $3::text[])
            """, token,
            logged.Select(entry => entry.LeafIndex).ToArray(), logged.Select(entry => entry.Row.Seq).ToArray(),
            logged.Select(entry => entry.Seal.Hash).ToArray());
        await ExecuteAsync(connection, transaction,
            $"""
            insert into {LogSchema.Schema}.audit_events (leaf_index, seq, stream_id, version, type, actor_id, recorded_at, event_hash)
            select * from unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::bigint[], $5::text[], $6::uuid[], $7::timestamptz[], $8::text[])
            """, token,
            logged.Select(entry => entry.LeafIndex).ToArray(), logged.Select(entry => entry.Row.Seq).ToArray(),
            logged.Select(entry => entry.Row.StreamId).ToArray(), logged.Select(entry => entry.Row.Version).ToArray(),
            logged.Select(entry => entry.Row.Type).ToArray(), logged.Select(entry => entry.Seal.Input.Submission.ActorId).ToArray(),
            logged.Select(entry => entry.Seal.Input.RecordedAt).ToArray(), logged.Select(entry => entry.Seal.Hash).ToArray());
        await InsertNodesAsync(connection, transaction, newNodes, token);
        await ExecuteAsync(connection, transaction, $"delete from {LogSchema.Schema}.unsealed where seq = any($1)", token,
            rows.Select(row => row.Seq).ToArray());
        if (builder.Size > treeSize)
        {
            var batchLatest = logged.Max(entry => entry.Seal.Input.RecordedAt);
            var latest = recordedThrough is { } previous && previous > batchLatest ? previous : batchLatest;
            await CheckpointAsync(connection, transaction, nodes, treeSize, previousRoot, builder,
                (latest, logged.Min(entry => entry.Seal.Input.RecordedAt)), token);
        }
        await transaction.CommitAsync(token);
        return rows.Count;
    }

    private async Task CheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DatabaseNodeSource nodes,
        long previousSize, MerkleHash previousRoot, MerkleTreeBuilder builder, (DateTimeOffset Through, DateTimeOffset AddedEarliest) recorded,
        CancellationToken token)
    {
        // The new tree must extend the last signed one before the ledger key signs it: no size ever
        // gets two roots, and no checkpoint forks from its predecessor.
        if (previousSize > 0)
        {
            var proof = await MerkleProver.ProveConsistencyAsync(nodes, previousSize, builder.Size, token);
            if (MerkleVerifier.VerifyConsistency(proof, previousRoot.AsSpan(), builder.Root.AsSpan()) != ProofResult.Valid)
            {
                throw new InvalidOperationException($"tree of size {builder.Size} is not consistent with the checkpoint at {previousSize}");
            }
        }
        var checkpoint = new Checkpoint(ledger.Origin, builder.Size, builder.Root);
        using var signer = ledger.LedgerKey.AsNoteSigner(ledger.Origin);
        var note = SignedNote.Sign(checkpoint.ToNoteText(), signer);
        await ExecuteAsync(connection, transaction,
            $"""
            insert into {LogSchema.Schema}.log_checkpoints (tree_size, root_hash, note, signed_at, recorded_through, added_earliest)
            values ($1, $2, $3, $4, $5, $6)
            """, token,
            builder.Size, builder.Root.ToHex(), note.ToString(), clock.Now(), recorded.Through, recorded.AddedEarliest);
        await ExecuteAsync(connection, transaction,
            $"update {LogSchema.Schema}.log_head set tree_size = $1 where id = 1 and tree_size = $2", token, builder.Size, previousSize);
    }

    // The signed tree size, and the latest recordedAt of the leaves below it: the last checkpoint's, or
    // read from the audit rows once when that checkpoint predates the column (coalesce evaluates its
    // second argument only then).
    private static async Task<(long TreeSize, DateTimeOffset? RecordedThrough)> LockHeadAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken token)
    {
        await ExecuteAsync(connection, transaction,
            $"insert into {LogSchema.Schema}.log_head (id, tree_size) values (1, 0) on conflict (id) do nothing", token);
        await using var command = new NpgsqlCommand(
            $"""
            select h.tree_size, coalesce(c.recorded_through,
                (select max(a.recorded_at) from {LogSchema.Schema}.audit_events a where a.leaf_index < h.tree_size))
            from {LogSchema.Schema}.log_head h left join {LogSchema.Schema}.log_checkpoints c on c.tree_size = h.tree_size
            where h.id = 1 for update of h
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<List<EventRow>> ReadQueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
    {
        // The batch's sequence numbers are taken from the queue first: joined before the limit, with a
        // backlog of hundreds of thousands, PostgreSQL chose to walk mt_events from its first row and
        // probe the queue for each (1.4 s a batch at 1,000,000 events, measured by the reads bench),
        // so a backlog slowed the very sealer that had to clear it.
        await using var command = new NpgsqlCommand(
            $"""
            select e.seq_id, e.stream_id, e.version, e.type, e.data::text, e.headers ->> '{EventSeal.HeaderName}'
            from (select seq from {LogSchema.Schema}.unsealed order by seq limit {BatchSize}) u
            join {LogSchema.Schema}.mt_events e on e.seq_id = u.seq
            order by u.seq
            """, connection, transaction);
        var rows = new List<EventRow>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            rows.Add(new EventRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return rows;
    }

    private static async Task<string?> PreviousHashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EventRow row, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(
            $"select headers ->> '{EventSeal.HeaderName}' from {LogSchema.Schema}.mt_events where stream_id = $1 and version = $2",
            connection, transaction);
        command.Parameters.AddWithValue(row.StreamId);
        command.Parameters.AddWithValue(row.Version - 1);
        return await command.ExecuteScalarAsync(token) is string text && EventSeal.TryParse(text, out var previous, out _)
            ? previous.Hash
            : null;
    }

    private static async Task LoadKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, KeyId keyId,
        Dictionary<KeyId, (Guid, VerificationKey)?> keys, CancellationToken token)
    {
        if (keys.ContainsKey(keyId))
        {
            return;
        }
        await using var command = new NpgsqlCommand(
            $"select actor_id, public_key from {LogSchema.Schema}.actor_keys where key_id = $1", connection, transaction);
        command.Parameters.AddWithValue(keyId.Value);
        await using var reader = await command.ExecuteReaderAsync(token);
        keys[keyId] = await reader.ReadAsync(token) && VerificationKey.TryParse(reader.GetString(1), out var key, out _)
            ? (reader.GetGuid(0), key)
            : null;
    }

    private static async Task InsertNodesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<MerkleNode> nodes, CancellationToken token)
    {
        if (nodes.Count == 0)
        {
            return;
        }
        await ExecuteAsync(connection, transaction,
            $"insert into {LogSchema.Schema}.log_nodes (level, idx, hash) select * from unnest($1::int[], $2::bigint[], $3::bytea[])", token,
            nodes.Select(node => node.Id.Level).ToArray(), nodes.Select(node => node.Id.Index).ToArray(),
            nodes.Select(node => node.Hash.ToArray()).ToArray());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await command.ExecuteNonQueryAsync(token);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        return (T)(await command.ExecuteScalarAsync(token))!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "sealing batch failed; retrying")]
    private static partial void LogSealingFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "event seq {Seq} (stream {StreamId} version {Version}) quarantined: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, long seq, Guid streamId, long version, string reason);
}
