using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Acgs.Ledger;
using Acgs.Ledger.Identity;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Integrity.Merkle;
using Acgs.Ledger.Sealing;
using Acgs.Ledger.Sealing.Log;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Acgs.Bench;

// Issue 6's figures: sealing lag under sustained load (from an event's recordedAt to the signed
// checkpoint that first includes it), inclusion and consistency proof latency at 1,000,000 leaves,
// and storage per leaf.
internal static class LogBenchmark
{
    private const string LagDatabase = "acgs_bench_log";
    private const string ProofDatabase = "acgs_bench_proofs";
    private const int Writers = 8;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(20);
    private const int Leaves = 1_000_000;
    private const int Proofs = 2_000;

    public static async Task<int> RunAsync(TextWriter output, CancellationToken token)
    {
        if (Environment.GetEnvironmentVariable(AppendBenchmark.DatabaseVariable) is not { Length: > 0 } server)
        {
            Console.Error.WriteLine($"{AppendBenchmark.DatabaseVariable} is not set (see `append`).");
            return 2;
        }
        await MeasureLagAsync(server, output, token);
        await MeasureProofsAsync(server, output, token);
        return 0;
    }

    private static async Task MeasureLagAsync(string server, TextWriter output, CancellationToken token)
    {
        var connection = await AppendBenchmark.RecreateDatabaseAsync(server, token, LagDatabase);
        using var ledger = await SealedLedger.CreateAsync(connection, [], token);
        var requests = PreSign(ledger, 12_000);
        var sealer = new LogSealer(ledger.DataSource, ledger.Authority, new LedgerClock(TimeProvider.System), NullLogger<LogSealer>.Instance);
        await sealer.StartAsync(token);

        var route = new SubmissionRoute(null, new HashSet<string>([EventTypes.ActorRegistered], StringComparer.Ordinal));
        var next = -1;
        var deadline = Stopwatch.StartNew();
        var written = 0;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            int index;
            while (deadline.Elapsed < LoadDuration && (index = Interlocked.Increment(ref next)) < requests.Count)
            {
                var result = await ledger.Pipeline.SubmitAsync(requests[index], route, token);
                if (result.Rejection is { } rejection)
                {
                    throw new InvalidOperationException($"{rejection.Kind}: {rejection.Detail}");
                }
                Interlocked.Increment(ref written);
            }
        }));
        var loadSeconds = deadline.Elapsed.TotalSeconds;
        while (await ScalarAsync<long>(ledger.DataSource, "select count(*) from acgs.unsealed", token) > 0)
        {
            await Task.Delay(50, token);
        }
        await sealer.StopAsync(token);

        await using var command = ledger.DataSource.CreateCommand(
            """
            select percentile_cont(0.5) within group (order by lag), percentile_cont(0.99) within group (order by lag), max(lag), count(*)
            from (select extract(epoch from (select min(c.signed_at) from acgs.log_checkpoints c where c.tree_size > a.leaf_index) - a.recorded_at) * 1000 as lag
                  from acgs.audit_events a where a.leaf_index >= 4) lags
            """);
        await using var reader = await command.ExecuteReaderAsync(token);
        await reader.ReadAsync(token);
        var checkpoints = await ScalarAsync<long>(ledger.DataSource, "select count(*) from acgs.log_checkpoints", token);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sealing lag: {written:N0} signed appends by {Writers} writers in {loadSeconds:0.0} s ({written / loadSeconds:0} /s), " +
            $"{checkpoints:N0} checkpoints; recordedAt → first signed checkpoint including the event: " +
            $"p50 {reader.GetDouble(0):0} ms, p99 {reader.GetDouble(1):0} ms, max {reader.GetDouble(2):0} ms over {reader.GetInt64(3):N0} events"));
    }

    private static List<byte[]> PreSign(SealedLedger ledger, int count)
    {
        var requests = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            using var key = SigningKey.Generate();
            var actorId = Guid.CreateVersion7();
            var registration = new ActorRegistered(actorId, "bench", [Role.Council], key.PublicKey.ToBase64(),
                ProofOfPossession.For(ledger.Authority.LedgerId, actorId, key.PublicKey).Sign(key));
            requests.Add(SignedRequestFactory.ToJson(SignedRequestFactory.Sign(registration, EventTypes.ActorRegistered,
                ledger.Authority.LedgerId, ledger.AdminId, ledger.AdminKey, actorId, 0, DateTimeOffset.UtcNow)));
        }
        return requests;
    }

    // A synthetic log of a million leaves in the real tables (nodes, leaves, audit rows), copied in
    // with binary COPY, then random proofs served the way the API serves them.
    private static async Task MeasureProofsAsync(string server, TextWriter output, CancellationToken token)
    {
        var connection = await AppendBenchmark.RecreateDatabaseAsync(server, token, ProofDatabase);
        using (var store = DocumentStore.For(options => options.ConfigureLedger(connection, new LedgerClock(TimeProvider.System))))
        {
            await LedgerSchema.ApplyAsync(store, token);
        }
        await using var dataSource = NpgsqlDataSource.Create(LedgerConfiguration.TuneConnection(connection));

        var build = Stopwatch.StartNew();
        var builder = new MerkleTreeBuilder();
        var leaf = new byte[32];
        await using (var writer = await OpenCopyAsync(dataSource, "copy acgs.log_nodes (level, idx, hash) from stdin (format binary)", token))
        await using (var leaves = await OpenCopyAsync(dataSource, "copy acgs.log_leaves (leaf_index, seq, event_hash) from stdin (format binary)", token))
        await using (var audit = await OpenCopyAsync(dataSource,
            "copy acgs.audit_events (leaf_index, seq, stream_id, version, type, actor_id, recorded_at, event_hash) from stdin (format binary)", token))
        {
            var start = DateTimeOffset.UtcNow;
            for (long i = 0; i < Leaves; i++)
            {
                RandomNumberGenerator.Fill(leaf);
                var hash = Convert.ToHexStringLower(leaf);
                foreach (var node in builder.Append(leaf))
                {
                    await writer.StartRowAsync(token);
                    await writer.WriteAsync(node.Id.Level, NpgsqlDbType.Integer, token);
                    await writer.WriteAsync(node.Id.Index, NpgsqlDbType.Bigint, token);
                    await writer.WriteAsync(node.Hash.ToArray(), NpgsqlDbType.Bytea, token);
                }
                await leaves.StartRowAsync(token);
                await leaves.WriteAsync(i, NpgsqlDbType.Bigint, token);
                await leaves.WriteAsync(i + 1, NpgsqlDbType.Bigint, token);
                await leaves.WriteAsync(hash, NpgsqlDbType.Varchar, token);
                await audit.StartRowAsync(token);
                await audit.WriteAsync(i, NpgsqlDbType.Bigint, token);
                await audit.WriteAsync(i + 1, NpgsqlDbType.Bigint, token);
                await audit.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, token);
                await audit.WriteAsync(1L, NpgsqlDbType.Bigint, token);
                await audit.WriteAsync(EventTypes.ActorRegistered, NpgsqlDbType.Varchar, token);
                await audit.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, token);
                await audit.WriteAsync(start.AddMilliseconds(i), NpgsqlDbType.TimestampTz, token);
                await audit.WriteAsync(hash, NpgsqlDbType.Varchar, token);
            }
            await writer.CompleteAsync(token);
            await leaves.CompleteAsync(token);
            await audit.CompleteAsync(token);
        }
        await ExecuteAsync(dataSource, "analyze", token);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"proofs: {Leaves:N0} leaves built and copied in {build.Elapsed.TotalSeconds:0} s"));

        var bytes = new Dictionary<string, long>();
        foreach (var table in new[] { "log_nodes", "log_leaves", "audit_events" })
        {
            bytes[table] = await ScalarAsync<long>(dataSource, $"select pg_total_relation_size('acgs.{table}')", token);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage per leaf (tables with their indexes): nodes {bytes["log_nodes"] / (double)Leaves:0} B, leaves {bytes["log_leaves"] / (double)Leaves:0} B, " +
            $"audit {bytes["audit_events"] / (double)Leaves:0} B, total {bytes.Values.Sum() / (double)Leaves:0} B"));

        var reader = new LogReader(dataSource);
        var root = builder.Root;
        var inclusion = new List<double>(Proofs);
        var consistency = new List<double>(Proofs);
        var timer = new Stopwatch();
        for (var i = 0; i < Proofs; i++)
        {
            var index = Random.Shared.NextInt64(Leaves);
            timer.Restart();
            var proof = await reader.ProveInclusionAsync(index, Leaves, token);
            inclusion.Add(timer.Elapsed.TotalMilliseconds);
            if (proof.Hashes.Length == 0)
            {
                throw new InvalidOperationException("empty inclusion proof");
            }

            var first = Random.Shared.NextInt64(1, Leaves);
            timer.Restart();
            var consistent = await reader.ProveConsistencyAsync(first, Leaves, token);
            consistency.Add(timer.Elapsed.TotalMilliseconds);
            if (consistent.SecondSize != Leaves)
            {
                throw new InvalidOperationException("wrong consistency proof");
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"proof latency at {Leaves:N0} leaves over {Proofs:N0} random proofs each (one query per proof, pooled connection): " +
            $"inclusion p50 {Percentile(inclusion, 0.5):0.00} ms, p99 {Percentile(inclusion, 0.99):0.00} ms; " +
            $"consistency p50 {Percentile(consistency, 0.5):0.00} ms, p99 {Percentile(consistency, 0.99):0.00} ms (root {root.ToHex()[..16]}…)"));
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    private static async Task<NpgsqlBinaryImporter> OpenCopyAsync(NpgsqlDataSource dataSource, string copy, CancellationToken token)
    {
        var connection = await dataSource.OpenConnectionAsync(token);
        return await connection.BeginBinaryImportAsync(copy, token);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(token);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken token)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(token))!;
    }
}
