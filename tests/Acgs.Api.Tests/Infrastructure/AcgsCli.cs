using Acgs.Cli.Actors;
using Acgs.Cli.Amendments;
using Acgs.Cli.Demo;
using Acgs.Cli.Policies;
using Acgs.Cli.Reads;
using Spectre.Console.Cli;

namespace Acgs.Api.Tests.Infrastructure;

// Runs `acgs actor …`, `acgs amendment …`, `acgs policy …`, the reads (`event`, `audit`, `constitution`) and `acgs demo` in-process, parsed and handled as Program.cs wires it, with both output
// streams captured.
public static class AcgsCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.UseStrictParsing();
            config.SetExceptionHandler((exception, _) =>
            {
                error.WriteLine($"acgs: {exception.Message}");
                return 2;
            });
            config.ConfigureActors(output, error);
            config.ConfigureAmendments(error);
            config.ConfigurePolicies();
            config.ConfigureReads(output, error);
            config.ConfigureDemo();
        });
        var exitCode = await app.RunAsync(args);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    // The value of a `name: value` line of the answer.
    public string Value(string name) =>
        Output.Split('\n').Select(line => line.Split(':', 2)).Single(parts => parts[0] == name)[1].Trim();

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
