using Acgs.Bench;

return args switch
{
    ["protocol"] => ProtocolBenchmark.Run(Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Acgs.Bench -- protocol");
    return 2;
}
