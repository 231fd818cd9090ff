using System.ComponentModel;
using Acgs.Ledger.Integrity.Verification;
using Acgs.Projections;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Acgs.Cli.Verification;

internal sealed class VerifyCommand : AsyncCommand<VerifyCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string[] trusted;
        try
        {
            trusted = settings.TrustedCheckpoint is { } file ? [await File.ReadAllTextAsync(file, cancellationToken)] : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"acgs: the trusted checkpoint could not be read: {exception.Message}");
            return LedgerVerification.CouldNotRun;
        }
        // The read models the API keeps are judged too (level 4b), as the API's own runs judge them.
        var options = new VerificationOptions
        {
            StreamId = settings.Stream,
            ExpectedLedgerId = settings.Ledger,
            TrustedCheckpoints = trusted,
            ReadModels = ReadModelsConfiguration.Documents,
        };
        var saved = SavedCheckpoints.FromEnvironment();
        var connectionString = settings.Postgres ?? Environment.GetEnvironmentVariable(LedgerVerification.ConnectionVariable);

        // The bar goes to standard error, so standard output stays the summary or the JSON alone.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected || !console.Profile.Capabilities.Interactive)
        {
            return await LedgerVerification.RunAsync(connectionString, options, settings.Json, Console.Out, Console.Error, null, cancellationToken, saved);
        }

        // Held until the bar is gone, or the bar's redrawing would run through them.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await console.Progress()
            .AutoClear(true)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(progress => LedgerVerification.RunAsync(
                connectionString, options, settings.Json, output, error, new ProgressBar(progress.AddTask("verifying")), cancellationToken, saved));
        await Console.Error.WriteAsync(error.ToString());
        await Console.Out.WriteAsync(output.ToString());
        return exitCode;
    }

    private sealed class ProgressBar(ProgressTask task) : IProgress<VerificationProgress>
    {
        public void Report(VerificationProgress value)
        {
            task.MaxValue = Math.Max(1, value.LastSequence);
            task.Value = value.Sequence;
        }
    }

    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--stream <ID>")]
        [Description("Verify this stream only (actor keys are still replayed from every actor stream).")]
        public Guid? Stream { get; init; }

        [CommandOption("--json")]
        [Description("Write the whole report, findings included, as JSON.")]
        public bool Json { get; init; }

        [CommandOption("--postgres <CONNECTION>")]
        [Description("Npgsql connection string of the ledger's database (default: $ACGS_POSTGRES).")]
        public string? Postgres { get; init; }

        [CommandOption("--ledger <ID>")]
        [Description("The ledger id you trust; by default the database's ledger-created event names it.")]
        public Guid? Ledger { get; init; }

        [CommandOption("--trusted-checkpoint <FILE>")]
        [Description("A signed checkpoint note saved earlier: the log must still extend it (checked besides the one saved by the last clean run).")]
        public string? TrustedCheckpoint { get; init; }
    }
}
