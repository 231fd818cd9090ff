using System.Globalization;
using Acgs.Ledger.Identity.Actors;
using Acgs.Ledger.Sealing;
using JasperFx.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Acgs.Bench;

// Issue 8's figure: signed submissions per second over HTTP, with p50/p99, at concurrency 16 against
// the real API host, beside plain Marten appends of the same payloads (Rich, one event per
// transaction, at an expected version) and the in-process submission pipeline, in one run. Each
// worker posts Admin-signed role changes to its own actor's stream, so nothing conflicts; bodies
// are signed before each round starts its clock. The paths take turns in rounds (the first
// rotating), so load from elsewhere on a shared machine falls on all of them alike.
internal static class HttpBenchmark
{
    private const string Database = "acgs_bench_http";
    private const int Concurrency = 16;
    private const int Rounds = 8;
    private const int AppendsPerRound = 800;
    private const int WarmUpAppends = 800;

    public static async Task<int> RunAsync(TextWriter output, CancellationToken token)
    {
        if (Environment.GetEnvironmentVariable(AppendBenchmark.DatabaseVariable) is not { Length: > 0 } server)
        {
            Console.Error.WriteLine($"{AppendBenchmark.DatabaseVariable} is not set (see `append`).");
            return 2;
        }
        var connection = await AppendBenchmark.RecreateDatabaseAsync(server, token, Database);
        await using var host = await BenchHost.StartAsync(connection);
        var overHttp = await host.RegisterActorsAsync(Concurrency, Role.Council, token);
        var inProcess = await host.RegisterActorsAsync(Concurrency, Role.Council, token);
        using var plainRich = await AppendBenchmark.PlainStoreAsync(connection, "plain_rich", EventAppendMode.Rich,
            [.. overHttp.Select(actor => actor.Registration)], token);
        using var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.Address };
        SignedRoleChanges Changes(List<BenchActor> actors) =>
            new(host.Created.LedgerId, host.Created.Admin.ActorId, host.AdminKey, [.. actors.Select(actor => actor.ActorId)]);
        IAppendPath[] paths =
        [
            new HttpAppendPath(client, Changes(overHttp)),
            new PlainAppendPath("plain Marten, Rich", plainRich, [.. overHttp.Select(actor => actor.ActorId)]),
            new SealedAppendPath(host.Services.GetRequiredService<SubmissionPipeline>(), Changes(inProcess)),
        ];

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database {Database}, API host on {host.Address}; concurrency {Concurrency}, {Rounds} rounds of {AppendsPerRound:N0} appends per path, " +
            $"paths taking turns; warm-up {WarmUpAppends} appends per path; one event per transaction; every HTTP answer checked to be 201"));
        foreach (var path in paths)
        {
            await AppendBenchmark.MeasureAsync(path, Concurrency, WarmUpAppends, token);
        }
        var rounds = await AppendBenchmark.AlternateAsync(paths, Concurrency, AppendsPerRound, Rounds, token);

        output.WriteLine();
        output.WriteLine("| path | appends | appends/s | p50 ms | p99 ms | process CPU ms/append (host and client) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var path in paths)
        {
            var measurement = Measurement.Combine(rounds[path]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {path.Name} | {measurement.Latencies.Length:N0} | {measurement.AppendsPerSecond:N0} | " +
                $"{measurement.Percentile(0.50):0.00} | {measurement.Percentile(0.99):0.00} | {measurement.ClientCpuMillisecondsPerAppend:0.00} |"));
        }
        output.WriteLine();
        var plain = rounds[paths[1]];
        foreach (var path in new[] { paths[0], paths[2] })
        {
            var perRound = rounds[path].Zip(plain, (candidate, baseline) => candidate.AppendsPerSecond / baseline.AppendsPerSecond).Order().ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path.Name} / {paths[1].Name} = {Measurement.Combine(rounds[path]).AppendsPerSecond / Measurement.Combine(plain).AppendsPerSecond:0.00} " +
                $"(per round {perRound[0]:0.00}–{perRound[^1]:0.00})"));
        }
        return 0;
    }
}
