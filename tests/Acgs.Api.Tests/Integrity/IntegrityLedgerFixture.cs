using Acgs.Api.Tests.Infrastructure;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity.Verification;
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

    public async Task ResetAsync()
    {
        await Store.Advanced.ResetAllData();
        await using (var truncate = DataSource.CreateCommand("truncate acgs.submissions, acgs.unsealed, acgs.actor_keys"))
        {
            await truncate.ExecuteNonQueryAsync();
        }
        await Host.Services.GetRequiredService<GenesisWriter>().EnsureAsync(Host.Ledger.Genesis, CancellationToken.None);
    }

    public Task<VerificationReport> VerifyAsync(Guid? stream = null) =>
        new LedgerVerifier(DataSource).VerifyAsync(new VerificationOptions { ExpectedLedgerId = Host.Ledger.LedgerId, StreamId = stream });
}

[CollectionDefinition(Name)]
public sealed class IntegrityLedgerCollection : ICollectionFixture<IntegrityLedgerFixture>
{
    public const string Name = "tampered ledger";
}
