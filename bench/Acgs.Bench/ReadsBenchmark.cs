using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Acgs.Api;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;
using Acgs.Seeding;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace Acgs.Bench;

// The audit reads over HTTP against the real API host (DESIGN §4.6): the latency of one filtered
// page at a large ledger, and replay throughput with the process's memory while the whole log
// streams. The ledger is seeded through the sealing choke point in sessions of 100 events, as the
// verify benchmark seeds it, while the host's own sealer logs them.
internal static class ReadsBenchmark
{
    public const string RedisVariable = "ACGS_BENCH_REDIS";
    private const string Database = "acgs_bench_reads";
    private const int Actors = 10;
    private const int EventsPerActorRound = 1_000;
    private const int Requests = 300;
    private const int WarmUpRequests = 20;

    // On a shared two-core machine seeding a million events may not fit a benchmark run: seeding stops
    // here, and the figures say at what size they were measured.
    private static readonly TimeSpan SeedingBudget = TimeSpan.FromMinutes(12);

    public static async Task<int> RunAsync(int events, TextWriter output, CancellationToken token)
    {
        if (Environment.GetEnvironmentVariable(AppendBenchmark.DatabaseVariable) is not { Length: > 0 } server)
        {
            Console.Error.WriteLine($"{AppendBenchmark.DatabaseVariable} is not set (see `append`).");
            return 2;
        }
        var connection = await AppendBenchmark.RecreateDatabaseAsync(server, token, Database);
        var directory = Directory.CreateTempSubdirectory("acgs-bench-reads-");
        try
        {
            using var adminKey = SigningKey.Generate();
            var genesis = WriteLedgerFiles(directory.FullName, adminKey);
            var created = genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!;
            await using var app = await StartHostAsync(directory.FullName, connection);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(30) };
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();

            var actors = await RegisterActorsAsync(app.Services, created, adminKey, token);
            var seeding = Stopwatch.StartNew();
            var (streams, written) = await SeedAsync(app.Services.GetRequiredService<IDocumentStore>(), created.LedgerId, actors, events, output, token);
            var seeded = seeding.Elapsed;
            while (await ScalarAsync<long>(dataSource, "select count(*) from acgs.unsealed", token) > 0)
            {
                await Task.Delay(500, token);
            }
            var sealedAfter = seeding.Elapsed;
            await ScalarAsync<object>(dataSource, "analyze", token);
            var treeSize = await ScalarAsync<long>(dataSource, "select tree_size from acgs.log_head", token);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ledger: {treeSize:N0} sealed events ({written:N0} seeded by {Actors} actors in streams of 10, {written / seeded.TotalSeconds:N0} events/s; " +
                $"the host's sealer had logged them all {sealedAfter.TotalSeconds:0} s after seeding began)"));
            output.WriteLine();

            await MeasurePagesAsync(client, app.Services.GetRequiredService<PageCursorKey>(), dataSource, actors, streams, treeSize, output, token);
            output.WriteLine();
            await MeasureReplayAsync(client, treeSize, output, token);
            await app.StopAsync(token);
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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

    private static async Task<WebApplication> StartHostAsync(string directory, string connection)
    {
        var app = AcgsApi.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration["Acgs:GenesisFile"] = Path.Combine(directory, "genesis.json");
            builder.Configuration["Acgs:LedgerKeyFile"] = Path.Combine(directory, "ledger.key");
            builder.Configuration["Acgs:SystemKeyFile"] = Path.Combine(directory, "system.key");
            builder.Configuration["ConnectionStrings:Postgres"] = connection;
            // Redis is not on the read path; the host starts and serves without it.
            builder.Configuration["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable(RedisVariable) ?? "127.0.0.1:6379";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.ConfigureWolverine(options => options.Discovery.IncludeAssembly(typeof(AcgsApi).Assembly));
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<List<(Guid ActorId, SigningKey Key)>> RegisterActorsAsync(IServiceProvider services, LedgerCreated created,
        SigningKey adminKey, CancellationToken token)
    {
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var route = new SubmissionRoute(null, new HashSet<string>([EventTypes.ActorRegistered], StringComparer.Ordinal));
        var actors = new List<(Guid, SigningKey)>();
        for (var i = 0; i < Actors; i++)
        {
            var key = SigningKey.Generate();
            var actorId = Guid.CreateVersion7();
            var registration = new ActorRegistered(actorId, "bench " + i, [Role.Council], key.PublicKey.ToBase64(),
                ProofOfPossession.For(created.LedgerId, actorId, key.PublicKey).Sign(key));
            var request = SignedRequestFactory.Sign(registration, EventTypes.ActorRegistered, created.LedgerId, created.Admin.ActorId,
                adminKey, actorId, 0, DateTimeOffset.UtcNow);
            var result = await pipeline.SubmitAsync(SignedRequestFactory.ToJson(request), route, token);
            if (result.Rejection is { } rejection)
            {
                throw new InvalidOperationException($"registering a bench actor failed: {rejection.Kind}: {rejection.Detail}");
            }
            actors.Add((actorId, key));
        }
        return actors;
    }

    // Rounds of 1,000 events per actor in turn, so each actor's events are spread over the whole log.
    private static async Task<(List<Guid> Streams, int Written)> SeedAsync(IDocumentStore store, Guid ledgerId, List<(Guid ActorId, SigningKey Key)> actors,
        int events, TextWriter output, CancellationToken token)
    {
        var streams = new List<Guid>();
        var written = 0;
        var progress = Stopwatch.StartNew();
        var budget = Stopwatch.StartNew();
        while (written < events && budget.Elapsed < SeedingBudget)
        {
            var (actorId, key) = actors[written / EventsPerActorRound % actors.Count];
            var count = Math.Min(EventsPerActorRound, events - written);
            streams.AddRange(await SealedEventSeeder.SeedAsync(store, ledgerId, actorId, key, actorVersion: 1, count, token: token));
            written += count;
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {written:N0} of {events:N0}"));
                progress.Restart();
            }
        }
        if (written < events)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeding stopped at {written:N0} of {events:N0} events: the {SeedingBudget.TotalMinutes:0}-minute seeding budget ran out"));
        }
        return (streams, written);
    }

    // Each shape: pages of 100 (the default) after a random leaf, with a cursor issued as the API
    // issues them, so every depth of the log is read, not only its first pages.
    private static async Task MeasurePagesAsync(HttpClient client, PageCursorKey cursorKey, NpgsqlDataSource dataSource,
        List<(Guid ActorId, SigningKey Key)> actors, List<Guid> streams, long treeSize, TextWriter output, CancellationToken token)
    {
        var key = await cursorKey.GetAsync(token);
        var (first, last) = await RecordedRangeAsync(dataSource, token);
        var span = last - first;
        var windowStart = first + span / 2;
        var window = (From: LedgerTimestamp.Truncate(windowStart), To: LedgerTimestamp.Truncate(windowStart + span / 100));
        var actor = actors[3].ActorId;
        var shapes = new (string Name, Func<AuditFilter> Filter)[]
        {
            ("no filter", () => AuditFilter.All),
            ("actor (1 of 10 actors)", () => new AuditFilter(ActorId: actor)),
            ("type (registrations only: 14 events)", () => new AuditFilter(Type: EventTypes.ActorRegistered)),
            ("stream (a random stream of 10)", () => new AuditFilter(StreamId: streams[Random.Shared.Next(streams.Count)])),
            ("from/to (1 % of the time span)", () => new AuditFilter(From: window.From, To: window.To)),
            ("actor + from/to", () => new AuditFilter(ActorId: actor, From: window.From, To: window.To)),
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit page latency over HTTP at {treeSize:N0} events: {Requests} requests per shape after {WarmUpRequests} warm-up, one at a time, " +
            $"each a page of 100 after a random leaf (cursor), JSON with seals and payloads"));
        output.WriteLine();
        output.WriteLine("| filter | p50 ms | p99 ms | mean items per page |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, filter) in shapes)
        {
            var latencies = new List<double>(Requests);
            long items = 0;
            for (var i = 0; i < WarmUpRequests + Requests; i++)
            {
                var selected = filter();
                var path = PathOf(selected, key, Random.Shared.NextInt64(-1, treeSize));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, token);
                var body = await response.Content.ReadAsByteArrayAsync(token);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                }
                if (i >= WarmUpRequests)
                {
                    latencies.Add(elapsed.TotalMilliseconds);
                    using var page = JsonDocument.Parse(body);
                    items += page.RootElement.GetProperty("items").GetArrayLength();
                }
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percentile(latencies, 0.5):0.0} | {Percentile(latencies, 0.99):0.0} | {items / (double)Requests:0.0} |"));
        }
    }

    private static string PathOf(AuditFilter filter, byte[] key, long afterLeaf)
    {
        var query = new List<string>();
        if (filter.ActorId is { } actorId)
        {
            query.Add($"actor={actorId}");
        }
        if (filter.Type is { } type)
        {
            query.Add($"type={type}");
        }
        if (filter.StreamId is { } streamId)
        {
            query.Add($"stream={streamId}");
        }
        if (filter.From is { } from)
        {
            query.Add($"from={LedgerTimestamp.Format(from)}");
        }
        if (filter.To is { } to)
        {
            query.Add($"to={LedgerTimestamp.Format(to)}");
        }
        if (afterLeaf >= 0)
        {
            query.Add("cursor=" + PageCursor.Issue(key, "audit-events\n" + filter.CanonicalText(), afterLeaf));
        }
        return "/v1/audit/events" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    // The whole log as NDJSON from leaf 0; the client counts lines as they arrive. Memory is sampled
    // every 10 ms in this process, which is the API host (and the small streaming client).
    private static async Task MeasureReplayAsync(HttpClient client, long treeSize, TextWriter output, CancellationToken token)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baselineWorkingSet = process.WorkingSet64;
        var baselineHeap = GC.GetTotalMemory(false);
        long peakHeap = 0;
        long peakWorkingSet = 0;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            using var sampled = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                sampled.Refresh();
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakWorkingSet = Math.Max(peakWorkingSet, sampled.WorkingSet64);
                await Task.Delay(10, CancellationToken.None);
            }
        }, CancellationToken.None);

        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.StartNew();
        using var response = await client.GetAsync("/v1/replay?from=0", HttpCompletionOption.ResponseHeadersRead, token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        var buffer = new byte[64 * 1024];
        long lines = 0;
        long bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, token)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var elapsed = started.Elapsed;
        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        var allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
        await stop.CancelAsync();
        await sampling;
        if (lines != treeSize)
        {
            throw new InvalidOperationException($"replay sent {lines} lines, not {treeSize}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay over HTTP from leaf 0: {lines:N0} events, {bytes / 1048576.0:N0} MiB of NDJSON in {elapsed.TotalSeconds:0.0} s: " +
            $"**{lines / elapsed.TotalSeconds:N0} events/s** ({bytes / 1048576.0 / elapsed.TotalSeconds:0.0} MiB/s); process CPU {cpuUsed.TotalSeconds:0.0} s " +
            $"({cpuUsed.TotalMicroseconds / lines:0} µs/event, PostgreSQL's not included); allocated {allocatedBytes / (double)lines:0} B/event"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory (API host and client in one process): before the replay working set {baselineWorkingSet / 1048576.0:0.0} MiB, " +
            $"GC heap {baselineHeap / 1048576.0:0.0} MiB; peak during it working set **{peakWorkingSet / 1048576.0:0.0} MiB**, GC heap **{peakHeap / 1048576.0:0.0} MiB**"));
    }

    private static async Task<(DateTimeOffset First, DateTimeOffset Last)> RecordedRangeAsync(NpgsqlDataSource dataSource, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand("select min(recorded_at), max(recorded_at) from acgs.audit_events");
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(token))!;
    }
}
