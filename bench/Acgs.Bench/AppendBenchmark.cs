using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Sealing;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Acgs.Bench;

// Issue 4's figure: sealed, signed appends/s against plain Marten appends/s of the same payloads in
// the same append mode (Rich) and session shape (one event per transaction, at an expected version),
// Quick mode beside it, at concurrency 1 and 8, in one run. Each worker appends to its own actor
// stream, so nothing conflicts. The paths take turns in rounds (the first path rotating), so that
// load from elsewhere on a shared machine falls on all of them alike.
internal static class AppendBenchmark
{
    public const string DatabaseVariable = "ACGS_BENCH_POSTGRES";
    private const string Database = "acgs_bench";
    private const int AppendsPerConfiguration = 2_000;
    private const int Rounds = 5;
    private const int WarmUpAppends = 400;
    private static readonly int[] Concurrencies = [1, 8];

    public static async Task<int> RunAsync(TextWriter output, CancellationToken token)
    {
        if (Environment.GetEnvironmentVariable(DatabaseVariable) is not { Length: > 0 } server)
        {
            Console.Error.WriteLine($"{DatabaseVariable} is not set: a PostgreSQL connection string whose user may create databases " +
                                    $"(e.g. the ACGS_POSTGRES_SERVER line that `bash scripts/services.sh up` prints).");
            return 2;
        }

        var connection = await RecreateDatabaseAsync(server, token);
        var actors = Enumerable.Range(0, Concurrencies.Max()).Select(_ => Guid.CreateVersion7()).ToArray();
        var chokePointActors = Enumerable.Range(0, Concurrencies.Max()).Select(_ => Guid.CreateVersion7()).ToArray();
        using var ledger = await SealedLedger.CreateAsync(connection, actors, token, chokePointActors);
        using var plainRich = await PlainStoreAsync(connection, "plain_rich", EventAppendMode.Rich, ledger.Registrations, token);
        using var plainQuick = await PlainStoreAsync(connection, "plain_quick", EventAppendMode.Quick, ledger.Registrations, token);
        IAppendPath[] paths =
        [
            ledger.Path,
            new PlainAppendPath("plain Marten, Rich", plainRich, actors),
            new PlainAppendPath("plain Marten, Quick", plainQuick, actors),
            ledger.ChokePoint!,
        ];

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database {Database}; {AppendsPerConfiguration:N0} appends per path and concurrency in {Rounds} rounds, paths taking turns; " +
            $"warm-up {WarmUpAppends} appends per path and concurrency; one event per transaction"));
        // Tiered JIT compiles hot code in the background for a while; all of it is done before the
        // first measurement, so that no path pays for another's compilation.
        foreach (var concurrency in Concurrencies)
        {
            foreach (var path in paths)
            {
                await MeasureAsync(path, concurrency, WarmUpAppends, token);
            }
        }
        var results = new List<(int Concurrency, IAppendPath Path, Measurement Measurement, double[] RoundRates)>();
        foreach (var concurrency in Concurrencies)
        {
            var rounds = await AlternateAsync(paths, concurrency, AppendsPerConfiguration / Rounds, Rounds, token);
            results.AddRange(paths.Select(path =>
                (concurrency, path, Measurement.Combine(rounds[path]), rounds[path].Select(m => m.AppendsPerSecond).ToArray())));
        }

        var commands = new List<(IAppendPath Path, double PerAppend)>();
        foreach (var path in paths)
        {
            commands.Add((path, await CommandsPerAppendAsync(path, token)));
        }

        output.WriteLine();
        output.WriteLine("| concurrency | path | appends | appends/s | p50 ms | p99 ms | client CPU ms/append |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var (concurrency, path, measurement, _) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {concurrency} | {path.Name} | {measurement.Latencies.Length:N0} | {measurement.AppendsPerSecond:N0} | " +
                $"{measurement.Percentile(0.50):0.00} | {measurement.Percentile(0.99):0.00} | {measurement.ClientCpuMillisecondsPerAppend:0.00} |"));
        }
        output.WriteLine();
        IAppendPath[] sealedPaths = [paths[0], paths[3]];
        foreach (var concurrency in Concurrencies)
        {
            foreach (var sealedPath in sealedPaths)
            {
                var sealedResult = results.Single(r => r.Concurrency == concurrency && r.Path == sealedPath);
                foreach (var plain in paths.Except(sealedPaths))
                {
                    var plainResult = results.Single(r => r.Concurrency == concurrency && r.Path == plain);
                    var perRound = sealedResult.RoundRates.Zip(plainResult.RoundRates, (s, p) => s / p).Order().ToArray();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"concurrency {concurrency}: {sealedPath.Name} / {plain.Name} = {sealedResult.Measurement.AppendsPerSecond / plainResult.Measurement.AppendsPerSecond:0.00} " +
                        $"(per round {perRound[0]:0.00}–{perRound[^1]:0.00})"));
                }
            }
        }
        output.WriteLine();
        output.WriteLine("database commands per append (a Marten batch counts once; COMMIT not counted), 100 untimed appends at concurrency 1:");
        foreach (var (path, perAppend) in commands)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {path.Name}: {perAppend:0.0}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"VerificationKey.Parse (RFC 8032 point decoding in BigInteger), which the pipeline runs once per key (VerifiedKeys keeps the result): {KeyParseMicroseconds():0} µs per call"));
        return 0;
    }

    private static double KeyParseMicroseconds()
    {
        using var key = SigningKey.Generate();
        var encoded = key.PublicKey.ToBase64();
        VerificationKey? parsed = null;
        var rate = Harness.MedianOpsPerSecond(() => parsed = VerificationKey.Parse(encoded));
        GC.KeepAlive(parsed);
        return 1_000_000 / rate;
    }

    // Besides CPU, one append waits on its round trips to PostgreSQL, one per command; Npgsql reports
    // each command (or batch) it executes as an activity, which this counts.
    private static async Task<double> CommandsPerAppendAsync(IAppendPath path, CancellationToken token)
    {
        const int appends = 100;
        long commands = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = _ => Interlocked.Increment(ref commands),
        };
        ActivitySource.AddActivityListener(listener);
        await MeasureAsync(path, 1, appends, token);
        return Interlocked.Read(ref commands) / (double)appends;
    }

    // Each round measures every path once, the first path rotating from round to round.
    internal static async Task<Dictionary<IAppendPath, List<Measurement>>> AlternateAsync(IReadOnlyList<IAppendPath> paths, int concurrency,
        int appendsPerRound, int rounds, CancellationToken token)
    {
        var measurements = paths.ToDictionary(path => path, _ => new List<Measurement>());
        for (var round = 0; round < rounds; round++)
        {
            for (var turn = 0; turn < paths.Count; turn++)
            {
                var path = paths[(round + turn) % paths.Count];
                measurements[path].Add(await MeasureAsync(path, concurrency, appendsPerRound, token));
            }
        }
        return measurements;
    }

    internal static async Task<Measurement> MeasureAsync(IAppendPath path, int concurrency, int appends, CancellationToken token)
    {
        var perWorker = appends / concurrency;
        path.Prepare(concurrency, perWorker);
        var latencies = new double[concurrency * perWorker];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var index = 0; index < perWorker; index++)
            {
                var appendStarted = Stopwatch.GetTimestamp();
                await path.AppendAsync(worker, index, token);
                latencies[worker * perWorker + index] = Stopwatch.GetElapsedTime(appendStarted).TotalMilliseconds;
            }
        }, token)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new Measurement(elapsed, process.TotalProcessorTime - cpuBefore, latencies);
    }

    internal static async Task<string> RecreateDatabaseAsync(string server, CancellationToken token, string database = Database)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(token);
            foreach (var sql in new[] { $"drop database if exists {database} with (force)", $"create database {database}" })
            {
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync(token);
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    // The ledger's serializer settings and event names, so both sides store the very same JSON.
    internal static async Task<DocumentStore> PlainStoreAsync(string connection, string schema, EventAppendMode mode,
        IReadOnlyList<ActorRegistered> registrations, CancellationToken token)
    {
        var store = DocumentStore.For(options =>
        {
            options.Connection(LedgerConfiguration.TuneConnection(connection));
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            var json = new JsonSerializerOptions();
            LedgerJson.ApplyTo(json);
            options.UseSystemTextJsonForSerialization(json, EnumStorage.AsString, Casing.CamelCase);
            options.Events.StreamIdentity = StreamIdentity.AsGuid;
            options.Events.AppendMode = mode;
            options.RegisterEventTypes();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var session = store.LightweightSession();
        foreach (var registration in registrations)
        {
            session.Events.StartStream(registration.ActorId, registration);
        }
        await session.SaveChangesAsync(token);
        return store;
    }

    // A ledger as the API host builds it (AcgsApi, GenesisService): the ledger's store, its schema and
    // triggers, a genesis, and one registered actor per worker for the role changes.
}

// ClientCpu is this process's CPU time (all threads) over the measurement: the client-side share of
// the work, the rest being PostgreSQL's, on the same cores here.
internal sealed record Measurement(TimeSpan Elapsed, TimeSpan ClientCpu, double[] Latencies)
{
    public double AppendsPerSecond => Latencies.Length / Elapsed.TotalSeconds;

    public double ClientCpuMillisecondsPerAppend => ClientCpu.TotalMilliseconds / Latencies.Length;

    // Nearest rank over the sorted latencies.
    public double Percentile(double fraction)
    {
        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    public static Measurement Combine(IReadOnlyList<Measurement> rounds) =>
        new(rounds.Aggregate(TimeSpan.Zero, (sum, round) => sum + round.Elapsed),
            rounds.Aggregate(TimeSpan.Zero, (sum, round) => sum + round.ClientCpu),
            rounds.SelectMany(round => round.Latencies).ToArray());
}
