using Acgs.Ledger.Integrity.Merkle;
using Npgsql;

namespace Acgs.Ledger.Sealing.Log;

// The stored complete subtrees, fetched in one query for a whole proof or root (DESIGN §4.4).
public sealed class DatabaseNodeSource(NpgsqlConnection connection, NpgsqlTransaction? transaction = null) : INodeSource
{
    public async ValueTask<IReadOnlyDictionary<NodeId, MerkleHash>> GetNodesAsync(IReadOnlyCollection<NodeId> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<NodeId, MerkleHash>(ids.Count);
        if (ids.Count == 0)
        {
            return found;
        }
        await using var command = new NpgsqlCommand(
            $"""
            select n.level, n.idx, n.hash from {LogSchema.Schema}.log_nodes n
            join unnest($1::int[], $2::bigint[]) as wanted(level, idx) on n.level = wanted.level and n.idx = wanted.idx
            """, connection, transaction);
        command.Parameters.AddWithValue(ids.Select(id => id.Level).ToArray());
        command.Parameters.AddWithValue(ids.Select(id => id.Index).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[new NodeId(reader.GetInt32(0), reader.GetInt64(1))] = new MerkleHash((byte[])reader[2]);
        }
        return found;
    }
}
