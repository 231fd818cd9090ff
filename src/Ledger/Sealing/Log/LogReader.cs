using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Merkle;
using Npgsql;

namespace Acgs.Ledger.Sealing.Log;

public sealed record StoredCheckpoint(long TreeSize, string RootHash, string Note);

public sealed record SealedEvent(long LeafIndex, long Seq, Guid StreamId, long Version, string Type, string EventHash, string Seal, string Data);

// Reads of the log for the public endpoints: checkpoints, proofs from stored nodes (one query
// each), and sealed events by hash.
public sealed class LogReader(NpgsqlDataSource dataSource)
{
    public async Task<StoredCheckpoint?> LatestCheckpointAsync(CancellationToken token) =>
        await CheckpointAsync($"select tree_size, root_hash, note from {LogSchema.Schema}.log_checkpoints order by tree_size desc limit 1", null, token);

    public Task<StoredCheckpoint?> CheckpointAtAsync(long treeSize, CancellationToken token) =>
        CheckpointAsync($"select tree_size, root_hash, note from {LogSchema.Schema}.log_checkpoints where tree_size = $1", treeSize, token);

    public async Task<long?> LeafIndexOfAsync(string eventHash, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand($"select leaf_index from {LogSchema.Schema}.log_leaves where event_hash = $1");
        command.Parameters.AddWithValue(eventHash);
        return await command.ExecuteScalarAsync(token) is long leafIndex ? leafIndex : null;
    }

    public async Task<InclusionProof> ProveInclusionAsync(long leafIndex, long treeSize, CancellationToken token)
    {
        await using var connection = await dataSource.OpenConnectionAsync(token);
        return await MerkleProver.ProveInclusionAsync(new DatabaseNodeSource(connection), leafIndex, treeSize, token);
    }

    public async Task<ConsistencyProof> ProveConsistencyAsync(long firstSize, long secondSize, CancellationToken token)
    {
        await using var connection = await dataSource.OpenConnectionAsync(token);
        return await MerkleProver.ProveConsistencyAsync(new DatabaseNodeSource(connection), firstSize, secondSize, token);
    }

    public async Task<SealedEvent?> EventByHashAsync(string eventHash, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select l.leaf_index, l.seq, e.stream_id, e.version, e.type, l.event_hash, e.headers ->> '{EventSeal.HeaderName}', e.data::text
            from {LogSchema.Schema}.log_leaves l join {LogSchema.Schema}.mt_events e on e.seq_id = l.seq
            where l.event_hash = $1
            """);
        command.Parameters.AddWithValue(eventHash);
        await using var reader = await command.ExecuteReaderAsync(token);
        return await reader.ReadAsync(token)
            ? new SealedEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7))
            : null;
    }

    private async Task<StoredCheckpoint?> CheckpointAsync(string sql, long? treeSize, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (treeSize is { } size)
        {
            command.Parameters.AddWithValue(size);
        }
        await using var reader = await command.ExecuteReaderAsync(token);
        return await reader.ReadAsync(token) ? new StoredCheckpoint(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }
}
