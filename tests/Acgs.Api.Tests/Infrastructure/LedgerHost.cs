using System.Globalization;
using Acgs.Api.Reads;
using Acgs.Ledger.Reads;
using Wolverine;

namespace Acgs.Api.Tests.Infrastructure;

// The real API on Kestrel on a loopback port: requests cross a real socket, as a client's would.
// Client signs its reads as the genesis Admin (any active actor may read); UnsignedClient does not.
public sealed class LedgerHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private bool ownsLedger;

    private LedgerHost(WebApplication app, Uri address, TestLedger ledger, string postgres)
    {
        this.app = app;
        Ledger = ledger;
        Client = new HttpClient(new SignedReadHandler(ledger.AdminKey, new SocketsHttpHandler())) { BaseAddress = address };
        UnsignedClient = new HttpClient { BaseAddress = address };
        Rows = new LedgerRows(postgres);
    }

    public HttpClient Client { get; }

    public HttpClient UnsignedClient { get; }

    public LedgerRows Rows { get; }

    public TestLedger Ledger { get; }

    public IServiceProvider Services => app.Services;

    // A host on an existing ledger (a second node) shares its TestLedger and must not dispose it.
    // The port is chosen before start-up: signed reads are checked against the configured public base
    // URL, which must name the address clients use.
    public static async Task<LedgerHost> StartAsync(string postgres, string redis, TestLedger? existing = null, bool sealer = true,
        bool publicReads = false, bool ownsLedger = false)
    {
        var ledger = existing ?? TestLedger.Create();
        var address = new Uri($"http://127.0.0.1:{TestEnvironment.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var app = AcgsApi.Build(["--urls", address.GetLeftPart(UriPartial.Authority)], builder =>
        {
            ledger.Configure(builder);
            builder.Configuration["ConnectionStrings:Postgres"] = postgres;
            builder.Configuration["ConnectionStrings:Redis"] = redis;
            builder.Configuration["Acgs:Sealer:Enabled"] = sealer ? "true" : "false";
            builder.Configuration[ReadSettings.PublicBaseUrlKey] = address.GetLeftPart(UriPartial.Authority);
            builder.Configuration[ReadSettings.PublicKey] = publicReads ? "true" : "false";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // The choke-point tests prove that an event returned by a Wolverine handler is refused;
            // their handlers live here, outside the application assembly Wolverine scans.
            builder.Services.ConfigureWolverine(options => options.Discovery.IncludeAssembly(typeof(LedgerHost).Assembly));
        });
        await app.StartAsync();
        return new LedgerHost(app, address, ledger, postgres) { ownsLedger = existing is null || ownsLedger };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        UnsignedClient.Dispose();
        await Rows.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsLedger)
        {
            Ledger.Dispose();
        }
    }
}

// One host per test project: each start pays Wolverine's code generation (FACTS).
public sealed class LedgerHostFixture : IAsyncLifetime
{
    public static readonly string Database = TestEnvironment.DatabaseName("acgs_test_api");

    private LedgerHost? host;

    public LedgerHost Host => host ?? throw new InvalidOperationException("host not started");

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
}

[CollectionDefinition(Name)]
public sealed class LedgerHostCollection : ICollectionFixture<LedgerHostFixture>
{
    public const string Name = "ledger host";
}
