using System.Data;
using System.Text.RegularExpressions;
using Npgsql;

namespace Acgs.Ledger.Integrity.Verification;

// Two read-only connections that see one and the same snapshot of the database (PostgreSQL's
// exported snapshots): one streams the event pages ahead while the other looks up submission
// records and stream heads. A run judges one consistent state, however long it takes and whatever
// commits meanwhile; the price is that vacuum cannot reclaim rows newer than the snapshot until the
// run ends.
internal sealed partial class LedgerSnapshot : IAsyncDisposable
{
    private readonly NpgsqlTransaction pagesTransaction;
    private readonly NpgsqlTransaction lookupsTransaction;

    private LedgerSnapshot(NpgsqlConnection pages, NpgsqlTransaction pagesTransaction, NpgsqlConnection lookups, NpgsqlTransaction lookupsTransaction)
    {
        Pages = pages;
        Lookups = lookups;
        this.pagesTransaction = pagesTransaction;
        this.lookupsTransaction = lookupsTransaction;
    }

    public NpgsqlConnection Pages { get; }

    public NpgsqlConnection Lookups { get; }

    public static async Task<LedgerSnapshot> OpenAsync(NpgsqlDataSource dataSource, CancellationToken token)
    {
        var pages = await dataSource.OpenConnectionAsync(token);
        NpgsqlConnection? lookups = null;
        try
        {
            var pagesTransaction = await pages.BeginTransactionAsync(IsolationLevel.RepeatableRead, token);
            await ExecuteAsync(pages, "set transaction read only", token);
            var snapshotId = (string)(await ScalarAsync(pages, "select pg_export_snapshot()", token))!;
            if (!SnapshotId().IsMatch(snapshotId))
            {
                throw new InvalidOperationException($"unexpected snapshot id {snapshotId}");
            }

            lookups = await dataSource.OpenConnectionAsync(token);
            var lookupsTransaction = await lookups.BeginTransactionAsync(IsolationLevel.RepeatableRead, token);
            // SET TRANSACTION SNAPSHOT takes no parameter; the id was checked above.
            await ExecuteAsync(lookups, $"set transaction snapshot '{snapshotId}'", token);
            await ExecuteAsync(lookups, "set transaction read only", token);
            return new LedgerSnapshot(pages, pagesTransaction, lookups, lookupsTransaction);
        }
        catch
        {
            await pages.DisposeAsync();
            if (lookups is not null)
            {
                await lookups.DisposeAsync();
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await lookupsTransaction.DisposeAsync();
        await pagesTransaction.DisposeAsync();
        await Lookups.DisposeAsync();
        await Pages.DisposeAsync();
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
