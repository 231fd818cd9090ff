using System.Data;
using System.Text.RegularExpressions;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// Read-only connections that see one and the same snapshot of the database (PostgreSQL's exported
// snapshots): one reads the actors' key history and then streams the event pages ahead, one reads
// the genesis row and looks up submission records and stream heads, and, for a run over the whole
// ledger, one walks the log and then judges the System's events meanwhile. A run judges one
// consistent state, however long it takes and whatever commits meanwhile; the price is that vacuum
// cannot reclaim rows newer than the snapshot until the run ends.
internal sealed partial class LedgerSnapshot : IAsyncDisposable
{
    private readonly List<NpgsqlConnection> connections = new(3);
    private readonly List<NpgsqlTransaction> transactions = new(3);

    private LedgerSnapshot()
    {
    }

    public NpgsqlConnection Pages => connections[0];

    public NpgsqlConnection Lookups => connections[1];

    public NpgsqlConnection Log => connections.Count > 2 ? connections[2] : throw new InvalidOperationException("this snapshot has no log connection");

    public static async Task<LedgerSnapshot> OpenAsync(NpgsqlDataSource dataSource, bool withLog, CancellationToken token)
    {
        var snapshot = new LedgerSnapshot();
        try
        {
            var pages = await snapshot.BeginAsync(dataSource, token);
            var snapshotId = (string)(await ScalarAsync(pages, "select pg_export_snapshot()", token))!;
            if (!SnapshotId().IsMatch(snapshotId))
            {
                throw new InvalidOperationException($"unexpected snapshot id {snapshotId}");
            }
            while (snapshot.connections.Count < (withLog ? 3 : 2))
            {
                // SET TRANSACTION SNAPSHOT takes no parameter; the id was checked above.
                await snapshot.BeginAsync(dataSource, token, $"set transaction snapshot '{snapshotId}'");
            }
            return snapshot;
        }
        catch
        {
            await snapshot.DisposeAsync();
            throw;
        }
    }

    private async Task<NpgsqlConnection> BeginAsync(NpgsqlDataSource dataSource, CancellationToken token, string? importSnapshot = null)
    {
        var connection = await dataSource.OpenConnectionAsync(token);
        connections.Add(connection);
        transactions.Add(await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, token));
        if (importSnapshot is not null)
        {
            await ExecuteAsync(connection, importSnapshot, token);
        }
        await ExecuteAsync(connection, "set transaction read only", token);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var transaction in Enumerable.Reverse(transactions))
        {
            await transaction.DisposeAsync();
        }
        foreach (var connection in Enumerable.Reverse(connections))
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(token);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(token);
    }

    [GeneratedRegex("^[0-9A-F]+(-[0-9A-F]+)+$")]
    private static partial Regex SnapshotId();
}
