using Acgs.Bench;

return args switch
{
    ["protocol"] => ProtocolBenchmark.Run(Console.Out),
    ["append"] => await AppendBenchmark.RunAsync(Console.Out, CancellationToken.None),
    ["log"] => await LogBenchmark.RunAsync(Console.Out, CancellationToken.None),
    ["verify", .. var sizes] when sizes.All(size => int.TryParse(size, out var events) && events > 0) =>
        await VerifyBenchmark.RunAsync(sizes.Length == 0 ? [10_000, 100_000] : [.. sizes.Select(int.Parse).Order()], Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Acgs.Bench -- protocol | append | log | verify [EVENTS ...]");
    Console.Error.WriteLine($"  append, log and verify need {AppendBenchmark.DatabaseVariable}=<PostgreSQL connection string whose user may create databases>");
    Console.Error.WriteLine("  verify: seeds a ledger up to each size (default 10000 100000) and measures the verifier");
    return 2;
}
