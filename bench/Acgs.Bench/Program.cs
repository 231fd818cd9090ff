using Acgs.Bench;

return args switch
{
    ["protocol"] => ProtocolBenchmark.Run(Console.Out),
    ["append"] => await AppendBenchmark.RunAsync(Console.Out, CancellationToken.None),
    ["log"] => await LogBenchmark.RunAsync(Console.Out, CancellationToken.None),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Acgs.Bench -- protocol");
    Console.Error.WriteLine($"       {AppendBenchmark.DatabaseVariable}=<PostgreSQL connection string> dotnet run -c Release --project bench/Acgs.Bench -- append|log");
    return 2;
}
