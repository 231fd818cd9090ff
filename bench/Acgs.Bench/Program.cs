using Acgs.Bench;

return args switch
{
    ["protocol"] => ProtocolBenchmark.Run(Console.Out),
    ["append"] => await AppendBenchmark.RunAsync(Console.Out, CancellationToken.None),
    ["http"] => await HttpBenchmark.RunAsync(Console.Out, CancellationToken.None),
    ["log"] => await LogBenchmark.RunAsync(Console.Out, CancellationToken.None),
    ["verify", .. var sizes] when sizes.All(size => int.TryParse(size, out var events) && events > 0) =>
        await VerifyBenchmark.RunAsync(sizes.Length == 0 ? [10_000, 100_000] : [.. sizes.Select(int.Parse).Order()], Console.Out),
    ["reads"] => await ReadsBenchmark.RunAsync(1_000_000, Console.Out, CancellationToken.None),
    ["reads", var size] when int.TryParse(size, out var events) && events > 0 =>
        await ReadsBenchmark.RunAsync(events, Console.Out, CancellationToken.None),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Acgs.Bench -- protocol | append | http | log | verify [EVENTS ...] | reads [EVENTS]");
    Console.Error.WriteLine($"  append, http, log, verify and reads need {AppendBenchmark.DatabaseVariable}=<PostgreSQL connection string whose user may create databases>");
    Console.Error.WriteLine("  http: signed submissions over HTTP to the API host at concurrency 16, beside plain Marten appends and the in-process pipeline");
    Console.Error.WriteLine("  verify: seeds a ledger up to each size (default 10000 100000) and measures the verifier");
    Console.Error.WriteLine("  reads: seeds a ledger of EVENTS (default 1000000) behind the API host, then measures signed audit pages and replay over HTTP");
    Console.Error.WriteLine($"  http and reads start the API host, which keeps read nonces in Redis: {BenchHost.RedisVariable}=<StackExchange.Redis configuration> (default 127.0.0.1:6379)");
    return 2;
}
