using Acgs.Api.Actors;
using Acgs.Api.Amendments;
using Acgs.Api.Audit;
using Acgs.Api.Constitution;
using Acgs.Api.Health;
using Acgs.Api.Infrastructure;
using Acgs.Api.Integrity;
using Acgs.Api.Log;
using Acgs.Api.OpenApi;
using Acgs.Api.Policies;
using Acgs.Api.Reads;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;
using Acgs.Ledger.Sealing.Log;
using Acgs.Projections;
using JasperFx;
using Marten;
using Npgsql;
using Prometheus;
using StackExchange.Redis;
using Wolverine;
using Wolverine.Marten;

namespace Acgs.Api;

public static class AcgsApi
{
    // DESIGN §4.2: the largest signed request the ledger accepts; anything larger is a 413.
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        var postgres = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured (ACGS_POSTGRES in ./run.sh).");
        var redis = builder.Configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("ConnectionStrings:Redis is not configured (ACGS_REDIS in ./run.sh).");

        var files = LedgerFiles.From(builder.Configuration);
        var genesis = files.ReadGenesis();
        var clock = new LedgerClock(TimeProvider.System);

        builder.Services.AddSingleton(_ => CreateDataSource(postgres));
        builder.Services.AddSingleton<LogReader>();
        builder.Services.AddSingleton<SealedEventReader>();
        builder.Services.AddSingleton<PageCursorKey>();
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis));
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(genesis);
        builder.Services.AddSingleton(_ => files.ReadAuthority(genesis));
        builder.Services.AddLedgerActs();
        builder.Services.AddSingleton<SubmissionPipeline>();
        builder.Services.AddSingleton<GenesisWriter>();
        builder.Services.AddSingleton<IntegrityRuns>();
        builder.Services.AddSignedReads(builder.Configuration);
        builder.Services.AddSingleton<DocumentReads>();
        builder.Services.AddLedgerOpenApi();

        builder.Services.AddMarten(options => options.ConfigureLedger(postgres, clock).ConfigureReadModels())
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .ApplyAllDatabaseChangesOnStartup();
        builder.Services.AddHostedService<GenesisService>();
        // Every node seals by default (one at a time, by lock); an operator may run read-only nodes.
        if (builder.Configuration.GetValue("Acgs:Sealer:Enabled", defaultValue: true))
        {
            builder.Services.AddHostedService<LogSealer>();
        }

        builder.Host.UseWolverine(options =>
        {
            options.UseRuntimeCompilation();
            options.Policies.UseDurableLocalQueues();
            options.Policies.AutoApplyTransactions();
            // Amendment deadlines are durable scheduled messages; a short poll keeps a rejection close
            // to its deadline (the decision itself uses the sealed recordedAt, not delivery time).
            options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
        });

        builder.Services.AddProblemDetails(ProblemTypes.Configure);
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<SealTriggersHealthCheck>("seal-triggers", tags: [HealthEndpoints.ReadyTag]);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpMetrics();
        app.MapHealthEndpoints();
        app.MapLedgerOpenApi();
        app.MapMetrics(HealthAndMetrics.MetricsPath);
        app.MapActorsApi();
        app.MapAmendmentsApi();
        app.MapPoliciesApi();
        app.MapConstitutionReads().RequireSignedRead();
        app.MapAmendmentReads().RequireSignedRead();
        app.MapPolicyReads().RequireSignedRead();
        app.MapActorReads().RequireSignedRead();
        app.MapLogApi();
        app.MapIntegrityApi();
        app.MapAuditApi().RequireSignedRead();
        return app;
    }

    // The sealer holds a transaction-scoped advisory lock: keepalives find a dead peer, and the server
    // ends a transaction left idle, so a stalled node cannot hold the log (DESIGN §4.4).
    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(LedgerConfiguration.TuneConnection(connectionString))
        {
            KeepAlive = 30,
            Options = "-c idle_in_transaction_session_timeout=60000",
        };
        return NpgsqlDataSource.Create(settings.ConnectionString);
    }

    private static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Redis is never the system of record: the ledger starts and serves without it.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        return ConnectionMultiplexer.Connect(options);
    }
}
