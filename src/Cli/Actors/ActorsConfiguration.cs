using Spectre.Console.Cli;

namespace Acgs.Cli.Actors;

internal static class ActorsConfiguration
{
    // The writers are the process's standard output and error, or a test's.
    public static void ConfigureActors(this IConfigurator config, TextWriter output, TextWriter error)
    {
        config.Settings.Registrar.RegisterInstance(new ActSubmitter(output, error));
        config.AddBranch("actor", actor =>
        {
            actor.SetDescription("Sign and submit acts on actors. Exit 0: sealed; 1: refused by the ledger (a problem); 2: unusable input or no answer.");
            actor.AddCommand<RegisterCommand>("register")
                .WithDescription("Register a new actor with its roles and key (signed by an Admin, with proof of possession by the new key)")
                .WithExample("actor", "register", "--url", "http://127.0.0.1:8080", "--genesis", ".local/keys/genesis.json",
                    "--as", "<ADMIN_ID>", "--key", "admin.key", "--new-key", "alice.key", "--name", "Alice", "--role", "council");
            actor.AddCommand<RotateKeyCommand>("rotate-key")
                .WithDescription("Replace an actor's key, signed by its current key, with proof of possession of the next");
            actor.AddCommand<ProposeResetCommand>("propose-reset")
                .WithDescription("Propose a new key for an actor who lost theirs (an Admin; prints the reset id)");
            actor.AddCommand<ApproveResetCommand>("approve-reset")
                .WithDescription("Approve a proposed key reset (another Admin, once the ledger has two)");
            actor.AddCommand<RolesCommand>("roles").WithDescription("Replace an actor's roles (an Admin)");
            actor.AddCommand<SuspendCommand>("suspend").WithDescription("Suspend an actor (an Admin)");
            actor.AddCommand<ReinstateCommand>("reinstate").WithDescription("Reinstate a suspended actor (an Admin)");
        });
    }
}
