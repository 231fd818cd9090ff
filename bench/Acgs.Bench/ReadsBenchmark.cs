using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Reads;
using Acgs.Ledger.Sealing;
using Acgs.Seeding;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Acgs.Bench;

// The audit reads over HTTP against the real API host (DESIGN §4.6): the latency of one filtered
// page at a large ledger, and replay throughput with the process's memory while the whole log
// streams. Every read is signed (RFC 9421) by a registered Auditor, so the figures include the
// signature check and the nonce store. The ledger is seeded through the sealing choke point in
// sessions of 100 events, as the verify benchmark seeds it, while the host's own sealer logs them.
internal static class ReadsBenchmark
{
    private const string Database = "acgs_bench_reads";
    private const int Actors = 10;
    private const int EventsPerActorRound = 1_000;
    private const int Requests = 300;
    private const int WarmUpRequests = 20;
    private const int BoundRequests = 40;
    private const int BoundWarmUp = 4;

    // On a shared two-core machine seeding a million events may not fit a benchmark run: seeding stops
    // here, and the figures say at what size they were measured.
    private static readonly TimeSpan SeedingBudget = TimeSpan.FromMinutes(15);

    public static async Task<int> RunAsync(int events, TextWriter output, CancellationToken token)
    {
        if (Environment.GetEnvironmentVariable(AppendBenchmark.DatabaseVariable) is not { Length: > 0 } server)
        {
            Console.Error.WriteLine($"{AppendBenchmark.DatabaseVariable} is not set (see `append`).");
            return 2;
        }
        var connection = await AppendBenchmark.RecreateDatabaseAsync(server, token, Database);
        await using var host = await BenchHost.StartAsync(connection);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var actors = await host.RegisterActorsAsync(Actors, Role.Council, token);
        var auditor = (await host.RegisterActorsAsync(1, Role.Auditor, token)).Single();
        using var client = host.SignedClient(auditor.Key);
        // A node records each read nonce in PostgreSQL as well as Redis for ReplayWindow after its
        // first read (it cannot know what other nodes accepted before); a read now lets that window
        // pass while the ledger is seeded, so the figures are those of a node in its steady state.
        (await client.GetAsync("/v1/audit/events?limit=1", token)).EnsureSuccessStatusCode().Dispose();

        var seeding = Stopwatch.StartNew();
        var (streams, written) = await SeedAsync(host.Services.GetRequiredService<IDocumentStore>(), host.Created.LedgerId, actors, events, token);
        var seeded = seeding.Elapsed;
        while (await ScalarAsync<long>(dataSource, "select count(*) from acgs.unsealed", token) > 0)
        {
            await Task.Delay(500, token);
        }
        var sealedAfter = seeding.Elapsed;
        await ScalarAsync<object>(dataSource, "analyze", token);
        var treeSize = await ScalarAsync<long>(dataSource, "select tree_size from acgs.log_head", token);
        if (written < events)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeding stopped at {written:N0} of {events:N0} events: the {SeedingBudget.TotalMinutes:0}-minute seeding budget ran out"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {treeSize:N0} sealed events ({written:N0} seeded by {Actors} actors in streams of 10, {written / seeded.TotalSeconds:N0} events/s; " +
            $"the host's sealer had logged them all {sealedAfter.TotalSeconds:0} s after seeding began)"));
        var redis = Environment.GetEnvironmentVariable(BenchHost.RedisVariable) is null ? "Redis at the default 127.0.0.1:6379" : $"Redis from {BenchHost.RedisVariable}";
        var nonceRows = await NonceRowsAsync(dataSource, token);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reads signed by a registered Auditor (RFC 9421, SignedReadHandler); read nonces: {redis}, " +
            $"connected: {host.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().IsConnected}; PostgreSQL's read_nonces table holds " +
            $"{nonceRows:N0} rows before the reads"));
        output.WriteLine();

        await MeasurePagesAsync(client, host.Services.GetRequiredService<PageCursorKey>(), dataSource, streams, treeSize, output, token);
        output.WriteLine();
        await MeasureWindowBoundAsync(host.Services.GetRequiredService<SealedEventReader>(), dataSource, treeSize, output, token);
        output.WriteLine();
        await MeasureReplayAsync(client, treeSize, output, token);
        var addedNonceRows = await NonceRowsAsync(dataSource, token) - nonceRows;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL's read_nonces table holds {addedNonceRows:N0} rows more after the reads " +
            $"(0: every nonce was kept in Redis alone)"));
        return 0;
    }

    // Rounds of 1,000 events per actor in turn, so each actor's events are spread over the whole log.
    private static async Task<(List<Guid> Streams, int Written)> SeedAsync(IDocumentStore store, Guid ledgerId, List<BenchActor> actors,
        int events, CancellationToken token)
    {
        var streams = new List<Guid>();
        var written = 0;
        var progress = Stopwatch.StartNew();
        var budget = Stopwatch.StartNew();
        while (written < events && budget.Elapsed < SeedingBudget)
        {
            var (actorId, key, _) = actors[written / EventsPerActorRound % actors.Count];
            var count = Math.Min(EventsPerActorRound, events - written);
            streams.AddRange(await SealedEventSeeder.SeedAsync(store, ledgerId, actorId, key, actorVersion: 1, count, token: token));
            written += count;
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {written:N0} of {events:N0}"));
                progress.Restart();
            }
        }
        return (streams, written);
    }

    // Each shape: pages of 100 (the default) after a random leaf, with a cursor issued as the API
    // issues them, so every depth of the log is read, not only its first pages.
    private static async Task MeasurePagesAsync(HttpClient client, PageCursorKey cursorKey, NpgsqlDataSource dataSource,
        List<Guid> streams, long treeSize, TextWriter output, CancellationToken token)
    {
        var key = await cursorKey.GetAsync(token);
        var window = await WindowAsync(dataSource, token);
        var actor = window.Actor;
        var shapes = new (string Name, Func<AuditFilter> Filter)[]
        {
            ("no filter", () => AuditFilter.All),
            ("actor (1 of 10 actors, the window's first)", () => new AuditFilter(ActorId: actor)),
            ("type (registrations only)", () => new AuditFilter(Type: EventTypes.ActorRegistered)),
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

    // 1 % of the recorded time span, starting halfway through it, and the actor of its first event.
    private static async Task<(DateTimeOffset From, DateTimeOffset To, Guid Actor)> WindowAsync(NpgsqlDataSource dataSource, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            """
            with span as (select min(recorded_at) as first, max(recorded_at) as last from acgs.audit_events),
                 window_ as (select date_trunc('milliseconds', first + (last - first) / 2) as from_,
                                    date_trunc('milliseconds', first + (last - first) / 2 + (last - first) / 100) as to_ from span)
            select w.from_, w.to_, (select a.actor_id from acgs.audit_events a where a.recorded_at between w.from_ and w.to_ order by a.leaf_index limit 1)
            from window_ w
            """);
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(2));
    }

    // Before and after the checkpoints' bounds, in this process against PostgreSQL (no HTTP): the
    // reader's page, which walks only the leaves between the bounds, against the query it sent before
    // the bounds existed, alternating request by request (the first rotating) so that outside load falls on both
    // alike, for each position of the cursor against the window's matches.
    private static async Task MeasureWindowBoundAsync(SealedEventReader reader, NpgsqlDataSource dataSource, long treeSize, TextWriter output,
        CancellationToken token)
    {
        var (from, to, actor) = await WindowAsync(dataSource, token);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"from/to pages with and without the checkpoints' leaf bounds, in process (no HTTP, no signature), page of 100, " +
            $"{BoundRequests} requests per row after {BoundWarmUp} warm-up, each cursor a random leaf in the range the row names:"));
        output.WriteLine();
        output.WriteLine("| filter | cursor | without bounds p50 ms | p99 ms | with bounds p50 ms | p99 ms |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (name, filter) in new[] { ("from/to", new AuditFilter(From: from, To: to)), ("actor + from/to", new AuditFilter(ActorId: actor, From: from, To: to)) })
        {
            var (firstMatch, lastMatch) = await MatchRangeAsync(dataSource, filter, token);
            var cursors = new (string Name, Func<long> Next)[]
            {
                ("none (first page)", () => -1),
                ($"before the first match (leaf {firstMatch:N0})", () => Random.Shared.NextInt64(0, firstMatch)),
                ("among the matches", () => Random.Shared.NextInt64(firstMatch, lastMatch)),
                ($"after the last match (leaf {lastMatch:N0})", () => Random.Shared.NextInt64(lastMatch, treeSize)),
            };
            foreach (var (position, next) in cursors)
            {
                var without = new List<double>();
                var with = new List<double>();
                for (var i = 0; i < BoundWarmUp + BoundRequests; i++)
                {
                    var afterLeaf = next();
                    IReadOnlyList<long> unbounded = [];
                    IReadOnlyList<long> bounded = [];
                    var (unboundedMs, boundedMs) = (0.0, 0.0);
                    for (var turn = 0; turn < 2; turn++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        if ((i + turn) % 2 == 0)
                        {
                            unbounded = await UnboundedPageAsync(dataSource, filter, afterLeaf, token);
                            unboundedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        }
                        else
                        {
                            bounded = (await reader.PageAsync(filter, afterLeaf, 100, token)).Events.Select(e => e.LeafIndex).ToList();
                            boundedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        }
                    }
                    if (i >= BoundWarmUp)
                    {
                        without.Add(unboundedMs);
                        with.Add(boundedMs);
                    }
                    if (!bounded.SequenceEqual(unbounded.Take(bounded.Count)))
                    {
                        throw new InvalidOperationException($"{name} after leaf {afterLeaf}: the bounded page differs from the unbounded one");
                    }
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {position} | {Percentile(without, 0.5):0.0} | {Percentile(without, 0.99):0.0} | {Percentile(with, 0.5):0.0} | {Percentile(with, 0.99):0.0} |"));
            }
        }
    }

    // The page query as SealedEventReader sent it before the checkpoints' bounds: the baseline.
    private static async Task<IReadOnlyList<long>> UnboundedPageAsync(NpgsqlDataSource dataSource, AuditFilter filter, long afterLeaf, CancellationToken token)
    {
        var actorClause = filter.ActorId is null ? "" : " and a.actor_id = $4";
        await using var command = dataSource.CreateCommand(
            $"""
            select a.leaf_index, a.event_hash, a.stream_id, a.version, a.type, a.actor_id, a.recorded_at,
                   e.headers ->> '{EventSeal.HeaderName}', e.data::text
            from acgs.audit_events a left join acgs.mt_events e on e.seq_id = a.seq
            where a.leaf_index > $1 and a.recorded_at >= $2 and a.recorded_at <= $3{actorClause}
            order by a.leaf_index limit 101
            """);
        command.Parameters.AddWithValue(afterLeaf);
        command.Parameters.AddWithValue(filter.From!.Value);
        command.Parameters.AddWithValue(filter.To!.Value);
        if (filter.ActorId is { } actorId)
        {
            command.Parameters.AddWithValue(actorId);
        }
        var leaves = new List<long>();
        var values = new object[9];
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            reader.GetValues(values);
            leaves.Add((long)values[0]);
        }
        return leaves;
    }

    private static async Task<(long First, long Last)> MatchRangeAsync(NpgsqlDataSource dataSource, AuditFilter filter, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(
            "select min(leaf_index), max(leaf_index) from acgs.audit_events where recorded_at >= $1 and recorded_at <= $2 and ($3::uuid is null or actor_id = $3)");
        command.Parameters.AddWithValue(filter.From!.Value);
        command.Parameters.AddWithValue(filter.To!.Value);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.ActorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<long> NonceRowsAsync(NpgsqlDataSource dataSource, CancellationToken token) =>
        await ScalarAsync<long>(dataSource, $"select count(*) from {LedgerSchema.Schema}.{LedgerSchema.ReadNoncesTable}", token);

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
