using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Acgs.Ledger;
using Acgs.Ledger.Constitution;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Genesis;
using Acgs.Ledger.Integrity;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Ledger.Sealing;
using Acgs.Seeding;
using Acgs.Ledger.Sealing.Log;
using Microsoft.Extensions.Logging.Abstractions;
using Marten;
using Npgsql;
using NSec.Cryptography;

namespace Acgs.Bench;

// What verifying a ledger costs against the cryptography it cannot avoid: for every event one
// SHA-256 of its seal and one Ed25519 verification of its submission. Both are measured in the same
// run on the same cores (the verifier checks rows in parallel, so the raw rate is too), at each
// ledger size, with the verifier's peak memory (goal: flat as the ledger grows). The floor adds what
// reading this PostgreSQL costs: the same cryptography over rows as a minimal reader fetches them,
// the least work any verifier of this database must do.
internal static class VerifyBenchmark
{
    private const string Database = "acgs_bench_verify";
    private const int RawSample = 10_000;
    // This machine's speed drifts by ±15 % within a minute (other tenants of its host), so each
    // verifier run is bracketed by a raw measurement before and after it, and the ratio is each
    // round's own; five rounds give a median that one slow stretch does not move.
    private const int Rounds = 5;
    private static readonly int FloorPage = new VerificationOptions().PageSize;
    private static readonly TimeSpan RawDuration = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes, TextWriter output)
    {
        var server = Environment.GetEnvironmentVariable("ACGS_BENCH_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("ACGS_BENCH_POSTGRES is not set: an Npgsql connection string to a PostgreSQL server (the bench creates its own database)");
            return 2;
        }
        var connection = await RecreateDatabaseAsync(server);
        var clock = new LedgerClock(TimeProvider.System);
        await using var store = DocumentStore.For(options => options.ConfigureLedger(connection, clock));
        await LedgerSchema.ApplyAsync(store, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(LedgerConfiguration.TuneConnection(connection));

        using var adminKey = SigningKey.Generate();
        var ledgerKey = SigningKey.Generate();
        var systemKey = SigningKey.Generate();
        var genesis = GenesisDocument.Create("bench.local", ledgerKey, systemKey, adminKey,
            [new Principle("P1", "Transparency", "Every act is signed and recorded.", 1)],
            new MetaRules(3, 2, 3, 259_200, AbstentionRule.CountTowardQuorumOnly), DateTimeOffset.UtcNow);
        var created = genesis.LedgerCreated.Payload.Deserialize<LedgerCreated>(LedgerJson.Options)!;
        using var authority = new LedgerAuthority(created.LedgerId, created.Origin, ledgerKey, systemKey, created.System.ActorId);
        await new GenesisWriter(store, authority).EnsureAsync(genesis, CancellationToken.None);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores; verifier parallelism {Environment.ProcessorCount}; raw rate: {RawSample:N0} stored events, {RawDuration.TotalSeconds:0} s on every core; floor: every stored event read, seal SHA-256 and Ed25519 on every core; {Rounds} rounds of raw, verifier, raw, then floor; each round's ratio is its verifier rate over the mean of the raw rates around it; medians, and the range of the ratio"));
        output.WriteLine();
        output.WriteLine("| events | seeding events/s | raw ops/s | verifier events/s | ratio (range) | raw CPU µs/op | verifier CPU µs/event | CPU ratio | verifier peak heap | peak live heap | peak working set | floor events/s | floor CPU µs/event | verifier / floor |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var seeded = 0;
        foreach (var size in sizes)
        {
            var seeding = Stopwatch.StartNew();
            await SealedEventSeeder.SeedAsync(store, created.LedgerId, created.Admin.ActorId, adminKey, actorVersion: 1, events: size - seeded);
            var seedingRate = (size - seeded) / seeding.Elapsed.TotalSeconds;
            seeded = size;
            // The verifier checks the log too (level 3): seal every seeded event into it first.
            var sealer = new LogSealer(dataSource, authority, new LedgerClock(TimeProvider.System), NullLogger<LogSealer>.Instance);
            while (await sealer.SealBatchAsync(CancellationToken.None) > 0)
            {
            }

            var samples = await RawSamplesAsync(dataSource);
            var rounds = new List<(Rate Raw, Rate Floor, Rate Verifier, long PeakHeap, long PeakWorkingSet, long Events)>();
            for (var round = 0; round < Rounds; round++)
            {
                var rawBefore = RawRate(samples, adminKey.PublicKey);
                var (report, verifier, peakHeap, peakWorkingSet) = await VerifyAsync(dataSource, created.LedgerId);
                var raw = Rate.Mean(rawBefore, RawRate(samples, adminKey.PublicKey));
                var floor = await FloorRateAsync(dataSource, adminKey.PublicKey);
                if (!report.Clean)
                {
                    output.WriteLine($"the seeded ledger has {report.FindingCount} findings; first: {report.Findings[0]}");
                    return 1;
                }
                rounds.Add((raw, floor, verifier, peakHeap, peakWorkingSet, report.Events));
            }
            var events = rounds[0].Events;
            var peakLive = await PeakLiveHeapAsync(dataSource, created.LedgerId);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {events:N0} | {seedingRate:N0} | {Median(rounds, r => r.Raw.PerSecond):N0} | {Median(rounds, r => r.Verifier.PerSecond):N0} " +
                $"| {Median(rounds, r => r.Verifier.PerSecond / r.Raw.PerSecond):0.00} ({rounds.Min(r => r.Verifier.PerSecond / r.Raw.PerSecond):0.00}–{rounds.Max(r => r.Verifier.PerSecond / r.Raw.PerSecond):0.00}) " +
                $"| {Median(rounds, r => r.Raw.CpuMicroseconds):0} | {Median(rounds, r => r.Verifier.CpuMicroseconds):0} " +
                $"| {Median(rounds, r => r.Raw.CpuMicroseconds / r.Verifier.CpuMicroseconds):0.00} " +
                $"| {rounds.Max(r => r.PeakHeap) / 1048576.0:0.0} MiB | {peakLive / 1048576.0:0.0} MiB | {rounds.Max(r => r.PeakWorkingSet) / 1048576.0:0.0} MiB " +
                $"| {Median(rounds, r => r.Floor.PerSecond):N0} | {Median(rounds, r => r.Floor.CpuMicroseconds):0} | {Median(rounds, r => r.Verifier.PerSecond / r.Floor.PerSecond):0.00} |"));
        }
        return 0;
    }

    // Per operation: wall-clock rate, and this process's CPU time (what outside load disturbs less).
    private readonly record struct Rate(double PerSecond, double CpuMicroseconds)
    {
        public static Rate Of(long operations, TimeSpan wall, TimeSpan cpu) =>
            new(operations / wall.TotalSeconds, cpu.TotalMicroseconds / operations);

        public static Rate Mean(Rate first, Rate second) =>
            new((first.PerSecond + second.PerSecond) / 2, (first.CpuMicroseconds + second.CpuMicroseconds) / 2);
    }

    private static double Median<T>(List<T> rounds, Func<T, double> value)
    {
        var sorted = rounds.Select(value).Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static async Task<string> RecreateDatabaseAsync(string server)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            foreach (var sql in new[] { $"drop database if exists {Database} with (force)", $"create database {Database}" })
            {
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync();
            }
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
    }

    // The floor: per event, SHA-256 over the exact bytes its seal hashes and Ed25519 over the exact
    // bytes its actor signed, from memory, on every core.
    private static async Task<List<(byte[] HashInput, byte[] SigningInput, byte[] Signature)>> RawSamplesAsync(NpgsqlDataSource dataSource)
    {
        var samples = new List<(byte[] HashInput, byte[] SigningInput, byte[] Signature)>(RawSample);
        await using var command = dataSource.CreateCommand(
            $"select headers ->> '{EventSeal.HeaderName}' from acgs.mt_events where type = 'audit_note' order by seq_id limit {RawSample}");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            EventSeal.TryParse(reader.GetString(0), out var seal, out _);
            samples.Add((seal!.Input.HashInput(), seal.Input.Submission.SigningInput(), Convert.FromBase64String(seal.Input.Signature)));
        }
        return samples;
    }

    private static Rate RawRate(List<(byte[] HashInput, byte[] SigningInput, byte[] Signature)> samples, VerificationKey key)
    {
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, key.RawBytes, KeyBlobFormat.RawPublicKey);
        long operations = 0;
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            Span<byte> digest = stackalloc byte[32];
            long done = 0;
            var verified = true;
            while (clock.Elapsed < RawDuration)
            {
                foreach (var (hashInput, signingInput, signature) in samples)
                {
                    System.Security.Cryptography.SHA256.HashData(hashInput, digest);
                    verified &= SignatureAlgorithm.Ed25519.Verify(publicKey, signingInput, signature);
                }
                done += samples.Count;
            }
            if (!verified)
            {
                throw new InvalidOperationException("a stored signature does not verify");
            }
            Interlocked.Add(ref operations, done);
        });
        return Rate.Of(operations, clock.Elapsed, CpuTime() - cpu);
    }

    // Pages of every stored row's seal and data, read by sequence as the verifier reads them, while
    // the page before is checked in parallel: the seal's layout (where its signed submission lies),
    // SHA-256 over the seal and Ed25519 over the submission. Genesis and the seeded events are all
    // signed by the Admin; any other key, or a signature that does not verify, stops the bench.
    private static async Task<Rate> FloorRateAsync(NpgsqlDataSource dataSource, VerificationKey adminKey)
    {
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        var pages = Channel.CreateBounded<(byte[] Seal, byte[] Data)[]>(1);
        var reading = Task.Run(async () =>
        {
            try
            {
                var after = long.MinValue;
                while (true)
                {
                    await using var command = dataSource.CreateCommand(
                        $"select seq_id, headers ->> '{EventSeal.HeaderName}', data::text from acgs.mt_events where seq_id > $1 order by seq_id limit {FloorPage}");
                    command.Parameters.AddWithValue(after);
                    var page = new List<(byte[] Seal, byte[] Data)>(FloorPage);
                    await using (var reader = await command.ExecuteReaderAsync())
                    {
                        while (await reader.ReadAsync())
                        {
                            after = reader.GetInt64(0);
                            page.Add((reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2)));
                        }
                    }
                    if (page.Count == 0)
                    {
                        return;
                    }
                    await pages.Writer.WriteAsync([.. page]);
                }
            }
            finally
            {
                pages.Writer.Complete();
            }
        });
        long events = 0;
        await foreach (var page in pages.Reader.ReadAllAsync())
        {
            Parallel.For(0, page.Length, index =>
            {
                var text = page[index].Seal;
                if (!EventSeal.TryReadLayout(text, out var seal, out var submission) || seal.Input.Submission.KeyId != adminKey.KeyId)
                {
                    throw new InvalidOperationException("a stored seal is not in its canonical layout, or not signed by the Admin");
                }
                Span<byte> digest = stackalloc byte[32];
                System.Security.Cryptography.SHA256.HashData(text, digest);
                var signed = text.AsSpan(submission);
                var input = new byte[DomainTags.Submission.Length + signed.Length];
                DomainTags.Submission.CopyTo(input);
                signed.CopyTo(input.AsSpan(DomainTags.Submission.Length));
                if (!adminKey.Verify(input, seal.Input.Signature))
                {
                    throw new InvalidOperationException("a stored signature does not verify");
                }
            });
            events += page.Length;
        }
        await reading;
        return Rate.Of(events, clock.Elapsed, CpuTime() - cpu);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    // What the verifier holds, as opposed to what it has not collected yet: an untimed run that forces a
    // full collection every few pages and keeps the largest heap left after one. The sampled peak heap
    // of the timed runs includes garbage and so grows with the collector's working room.
    private static async Task<long> PeakLiveHeapAsync(NpgsqlDataSource dataSource, Guid ledgerId)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var live = new LiveHeapProgress();
        await new LedgerVerifier(dataSource).VerifyAsync(new VerificationOptions { ExpectedLedgerId = ledgerId }, live);
        return live.Peak;
    }

    private sealed class LiveHeapProgress : IProgress<VerificationProgress>
    {
        private const int PagesBetweenCollections = 5;
        private int pages;

        public long Peak { get; private set; }

        public void Report(VerificationProgress value)
        {
            if (++pages % PagesBetweenCollections == 0)
            {
                Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }
    }

    // Memory is sampled while the run goes: the managed heap (live and not yet collected) and the
    // process's working set.
    private static async Task<(VerificationReport Report, Rate Rate, long PeakHeap, long PeakWorkingSet)> VerifyAsync(NpgsqlDataSource dataSource, Guid ledgerId)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long peakHeap = 0;
        long peakWorkingSet = 0;
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                await Task.Delay(10, CancellationToken.None);
            }
        });
        var cpu = CpuTime();
        var clock = Stopwatch.StartNew();
        var report = await new LedgerVerifier(dataSource).VerifyAsync(new VerificationOptions { ExpectedLedgerId = ledgerId });
        var rate = Rate.Of(report.Events, clock.Elapsed, CpuTime() - cpu);
        await stop.CancelAsync();
        await sampling;
        return (report, rate, peakHeap, peakWorkingSet);
    }
}
