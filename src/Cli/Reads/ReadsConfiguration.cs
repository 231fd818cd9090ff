using Spectre.Console.Cli;

namespace Acgs.Cli.Reads;

internal static class ReadsConfiguration
{
    // The writers are the process's standard output and error, or a test's.
    public static void ConfigureReads(this IConfigurator config, TextWriter output, TextWriter error)
    {
        config.Settings.Registrar.RegisterInstance(new LedgerReader(output, error));
        config.AddCommand<EventCommand>("event")
            .WithDescription("Show a sealed event, its seal and payload (a signed read: --key). Exit 0: shown; 1: refused by the ledger (a problem); 2: unusable input or no answer.")
            .WithExample("event", "--url", "http://127.0.0.1:8011", "--key", "auditor.key", "--event", "<HASH>");
    }
}
