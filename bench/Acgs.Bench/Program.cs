using Acgs.Bench;

return args switch
{
    ["protocol"] => ProtocolBenchmark.Run(Console.Out),
    ["verify", .. var sizes] when sizes.All(size => int.TryParse(size, out var events) && events > 0) =>
        await VerifyBenchmark.RunAsync(sizes.Length == 0 ? [10_000, 100_000] : [.. sizes.Select(int.Parse).Order()], Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Acgs.Bench -- protocol | verify [EVENTS ...]");
    Console.Error.WriteLine("  verify: seeds a ledger up to each size (default 10000 100000) and measures the verifier; needs ACGS_BENCH_POSTGRES");
    return 2;
}
