using Acgs.Cli.Keys;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Tests.Keys;

// Runs `acgs keygen` through Spectre's command app, as Program.cs registers it, into a text console.
internal static class KeygenRun
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.ConfigureConsole(console);
            config.AddCommand<KeygenCommand>("keygen");
        });

        var exitCode = app.Run(args);
        return (exitCode, output.ToString());
    }
}
