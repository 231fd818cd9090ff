using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Sealing.Log;
using Marten;
using Npgsql;

namespace Acgs.Api.Tests.Integrity;

// A host of its own on a database of its own: these tests rewrite stored rows, and no other test's
// ledger may see that. Each test starts from a fresh ledger holding only its genesis.
public sealed class IntegrityLedgerFixture : IAsyncLifetime
{
    public static readonly string Database = TestEnvironment.DatabaseName("acgs_test_tamper");

    private LedgerHost? host;

    public LedgerHost Host => host ?? throw new InvalidOperationException("host not started");

    public NpgsqlDataSource DataSource => Host.Services.GetRequiredService<NpgsqlDataSource>();

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        var postgres = await TestEnvironment.RecreateDatabaseAsync(Database);
        host = await LedgerHost.StartAsync(postgres, TestEnvironment.Redis);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private static readonly string[] LogTables = ["log_leaves", "log_nodes", "log_checkpoints"];

    // The log goes too, or its leaves would name the sequences the next ledger reuses. The sealer's
    // lock is held throughout, so no batch of the old ledger lands in the new log. The log's tables
    // refuse truncation, so the guards are lifted inside the one transaction that empties them.
    public async Task ResetAsync()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, $"select pg_advisory_xact_lock({LogSchema.SealerLockKey})");
            await Store.Advanced.ResetAllData();
            foreach (var table in LogTables)
            {
                await ExecuteAsync(connection, $"alter table acgs.{table} disable trigger acgs_{table}_no_truncate");
            }
            await ExecuteAsync(connection,
                "truncate acgs.submissions, acgs.unsealed, acgs.actor_keys, acgs.log_leaves, acgs.log_nodes, acgs.log_checkpoints, acgs.log_head, acgs.log_quarantine, acgs.audit_events");
            foreach (var table in LogTables)
            {
                await ExecuteAsync(connection, $"alter table acgs.{table} enable trigger acgs_{table}_no_truncate");
            }
            await transaction.CommitAsync();
        }
        await Host.Services.GetRequiredService<GenesisWriter>().EnsureAsync(Host.Ledger.Genesis, CancellationToken.None);
    }

    // The sealer has taken every queued event: logged it, or quarantined it.
    public async Task WaitUntilSealedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = DataSource.CreateCommand("select count(*) from acgs.unsealed");
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the sealer did not empty acgs.unsealed within 30 s");
            }
            await Task.Delay(50);
        }
    }

    // After the sealer has judged whatever the test inserted, so that what it quarantines is found
    // every time, not only when it happens to be quicker than the verifier.
    public async Task<VerificationReport> VerifyAsync(Guid? stream = null, params string[] trustedCheckpoints)
    {
        await WaitUntilSealedAsync();
        return await new LedgerVerifier(DataSource).VerifyAsync(
            new VerificationOptions { ExpectedLedgerId = Host.Ledger.LedgerId, StreamId = stream, TrustedCheckpoints = trustedCheckpoints });
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrityLedgerCollection : ICollectionFixture<IntegrityLedgerFixture>
{
    public const string Name = "tampered ledger";
}
