namespace Acgs.Api.Tests.Infrastructure;

// Two API hosts on one new database: two nodes of one ledger, both running the sealer.
public abstract class TwoNodes(string database) : IAsyncLifetime
{
    private LedgerHost? first;
    private LedgerHost? second;

    protected string Connection { get; private set; } = "";

    protected LedgerHost First => first ?? throw new InvalidOperationException("the nodes have not started");

    protected LedgerHost Second => second ?? throw new InvalidOperationException("the nodes have not started");

    public async Task InitializeAsync()
    {
        Connection = await TestEnvironment.RecreateDatabaseAsync(TestEnvironment.DatabaseName(database));
        first = await LedgerHost.StartAsync(Connection, TestEnvironment.Redis);
        second = await LedgerHost.StartAsync(Connection, TestEnvironment.Redis, first.Ledger);
    }

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        if (first is not null)
        {
            await first.DisposeAsync();
        }
    }
}
