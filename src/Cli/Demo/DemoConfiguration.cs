using Spectre.Console.Cli;

namespace Acgs.Cli.Demo;

internal static class DemoConfiguration
{
    // The demo writes through the LedgerReader that ConfigureReads registers.
    public static void ConfigureDemo(this IConfigurator config) =>
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Fill a fresh ledger with a realistic governance history through its HTTP API: actors, amendments ratified, rejected and withdrawn, policies at every stage. Exit 0: done; 1: the ledger refused an act (a problem); 2: unusable input, a ledger that is not fresh, or no answer.")
            .WithExample("demo", "--url", "http://127.0.0.1:8011", "--genesis", ".local/keys/genesis.json", "--admin-key", ".local/keys/admin.key");
}
