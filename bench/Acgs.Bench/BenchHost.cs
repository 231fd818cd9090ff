using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Acgs.Api;
using Acgs.Api.Reads;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Acgs.Bench;

// The real API host (AcgsApi.Build, Kestrel on a loopback port, its own sealer) on a new ledger, as a
// client sees it: signed reads are checked against the configured public base URL, so the port is
// chosen before start-up (as the tests' LedgerHost does) and the URL names it.
internal sealed class BenchHost : IAsyncDisposable
{
    public const string RedisVariable = "ACGS_BENCH_REDIS";

    private readonly DirectoryInfo directory;

    private BenchHost(WebApplication app, Uri address, LedgerCreated created, SigningKey adminKey, DirectoryInfo directory)
    {
        App = app;
        Address = address;
        Created = created;
        AdminKey = adminKey;
        this.directory = directory;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public LedgerCreated Created { get; }

    public SigningKey AdminKey { get; }

    public IServiceProvider Services => App.Services;

    // The Redis the host keeps read nonces in; without it, the host keeps them in PostgreSQL.
    public static string Redis => Environment.GetEnvironmentVariable(RedisVariable) ?? "127.0.0.1:6379";

    public static async Task<BenchHost> StartAsync(string connection)
    {
        var directory = Directory.CreateTempSubdirectory("acgs-bench-host-");
        var adminKey = SigningKey.Generate();
        var genesis = WriteLedgerFiles(directory.FullName, adminKey);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var app = AcgsApi.Build(["--urls", address.GetLeftPart(UriPartial.Authority)], builder =>
        {
            builder.Configuration["Acgs:GenesisFile"] = Path.Combine(directory.FullName, "genesis.json");
            builder.Configuration["Acgs:LedgerKeyFile"] = Path.Combine(directory.FullName, "ledger.key");
            builder.Configuration["Acgs:SystemKeyFile"] = Path.Combine(directory.FullName, "system.key");
            builder.Configuration["ConnectionStrings:Postgres"] = connection;
            builder.Configuration["ConnectionStrings:Redis"] = Redis;
            builder.Configuration[ReadSettings.PublicBaseUrlKey] = address.GetLeftPart(UriPartial.Authority);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.ConfigureWolverine(options => options.Discovery.IncludeAssembly(typeof(AcgsApi).Assembly));
        });
        await app.StartAsync();
        return new BenchHost(app, address, genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!, adminKey, directory);
    }

    // Registered by the genesis Admin through the submission pipeline, one at a time.
    public async Task<List<BenchActor>> RegisterActorsAsync(int count, Role role, CancellationToken token)
    {
        var pipeline = Services.GetRequiredService<SubmissionPipeline>();
        var route = new SubmissionRoute(null, new HashSet<string>([EventTypes.ActorRegistered], StringComparer.Ordinal));
        var actors = new List<BenchActor>();
        for (var i = 0; i < count; i++)
        {
            var key = SigningKey.Generate();
            var actorId = Guid.CreateVersion7();
            var registration = new ActorRegistered(actorId, $"bench {role} {i}", [role], key.PublicKey.ToBase64(),
                ProofOfPossession.For(Created.LedgerId, actorId, key.PublicKey).Sign(key));
            var request = SignedRequestFactory.Sign(registration, EventTypes.ActorRegistered, Created.LedgerId, Created.Admin.ActorId,
                AdminKey, actorId, 0, DateTimeOffset.UtcNow);
            var result = await pipeline.SubmitAsync(SignedRequestFactory.ToJson(request), route, token);
            if (result.Rejection is { } rejection)
            {
                throw new InvalidOperationException($"registering a bench actor failed: {rejection.Kind}: {rejection.Detail}");
            }
            actors.Add(new BenchActor(actorId, key, registration));
        }
        return actors;
    }

    // HTTP/1.1 with keep-alive (SocketsHttpHandler's defaults); every read signed with the reader's key.
    public HttpClient SignedClient(SigningKey reader) =>
        new(new SignedReadHandler(reader, new SocketsHttpHandler())) { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(30) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        AdminKey.Dispose();
        directory.Delete(recursive: true);
    }

    private static GenesisDocument WriteLedgerFiles(string directory, SigningKey adminKey)
    {
        using var ledgerKey = SigningKey.Generate();
        using var systemKey = SigningKey.Generate();
        var genesis = GenesisDocument.Create("bench.local", ledgerKey, systemKey, adminKey,
            [new Principle("P1", "Transparency", "Every act is signed and recorded.", 1)],
            new MetaRules(3, 2, 3, 72, AbstentionRule.CountTowardQuorumOnly), DateTimeOffset.UtcNow);
        KeyFiles.Create(Path.Combine(directory, "ledger"), ledgerKey);
        KeyFiles.Create(Path.Combine(directory, "system"), systemKey);
        File.WriteAllBytes(Path.Combine(directory, "genesis.json"), CanonicalJson.Serialize(genesis));
        return genesis;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record BenchActor(Guid ActorId, SigningKey Key, ActorRegistered Registration);
