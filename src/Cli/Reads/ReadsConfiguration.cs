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
        config.AddCommand<AuditCommand>("audit")
            .WithDescription("List the audit trail: sealed events in leaf order, filtered by actor, type, stream and time (a signed read). Exit 0: listed; 1: refused by the ledger (a problem); 2: unusable input or no answer.")
            .WithExample("audit", "--url", "http://127.0.0.1:8011", "--key", "auditor.key", "--type", "amendment-ratified", "--all")
            .WithExample("audit", "--url", "http://127.0.0.1:8011", "--key", "auditor.key", "--actor", "<ACTOR_ID>",
                "--from", "2026-03-01T00:00:00.000Z", "--json");
        config.AddCommand<ConstitutionCommand>("constitution")
            .WithDescription("Show the constitution now, at a version, or as it stood at an instant (a signed read). Exit 0: shown; 1: refused by the ledger (a problem); 2: unusable input or no answer.")
            .WithExample("constitution", "--url", "http://127.0.0.1:8011", "--key", "auditor.key", "--as-of", "2026-03-01T09:30:00.000Z");
    }
}
